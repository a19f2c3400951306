package org.shouhu.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.support.config.ConfigException;

class IngestConfigTest {

    @Test
    void defaults_are_valid_and_documented() {
        IngestConfig config = IngestConfig.fromProperties(Map.of());
        assertThat(config.batchMaxMessages()).isEqualTo(500);
        assertThat(config.batchLinger()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.subscriptionFilter()).isEqualTo("$share/ingest/shouhu/v1/+/up/+");
        assertThat(IngestConfig.DEFINITION.toMarkdown()).contains("ingest.sos.late-threshold");
    }

    @Test
    void parses_keys() {
        IngestConfig config = IngestConfig.fromProperties(Map.of(
                IngestConfig.BATCH_LINGER, "30s", IngestConfig.SHARE_GROUP, "east",
                IngestConfig.SOS_LATE_THRESHOLD, "5m"));
        assertThat(config.batchLinger()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.shareGroup()).isEqualTo("east");
        assertThat(config.sosLateThreshold()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void rejects_a_queue_smaller_than_a_batch() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IngestConfig.fromProperties(
                Map.of(IngestConfig.BATCH_MAX_MESSAGES, "1000", IngestConfig.QUEUE_CAPACITY, "100")));
        assertThat(e).hasMessageContaining("queue capacity");
    }

    @Test
    void rejects_a_share_group_with_topic_wildcards() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IngestConfig.fromProperties(Map.of(IngestConfig.SHARE_GROUP, "a/b")));
        assertThat(e).hasMessageContaining(IngestConfig.SHARE_GROUP);
    }

    @Test
    void rejects_an_unknown_key() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> IngestConfig.fromProperties(Map.of("ingest.batch.max-mesages", "10")));
        assertThat(e).hasMessageContaining("unknown configuration key");
    }
}
