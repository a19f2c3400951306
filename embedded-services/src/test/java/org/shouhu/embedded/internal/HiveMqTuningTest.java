package org.shouhu.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HiveMqTuningTest {

    @TempDir
    Path dataDir;

    @Test
    void a_new_data_directory_gets_few_buckets() {
        HiveMqTuning tuning = HiveMqTuning.forDataDirectory(dataDir);

        assertThat(tuning.persistenceBuckets()).isEqualTo(HiveMqTuning.NEW_BUCKETS);
        assertThat(tuning.payloadBuckets()).isEqualTo(HiveMqTuning.NEW_BUCKETS);
    }

    @Test
    void a_data_directory_written_with_hivemqs_default_64_buckets_keeps_them() throws Exception {
        for (int i = 0; i < 64; i++) {
            Files.createDirectories(dataDir.resolve("persistence/client_queue/040500/client_queue_" + i));
        }
        for (int i = 0; i < 64; i++) {
            Files.createDirectories(
                    dataDir.resolve("persistence/publish_payload_store/040500_R/publish_payload_store_" + i));
        }

        HiveMqTuning tuning = HiveMqTuning.forDataDirectory(dataDir);

        assertThat(tuning.persistenceBuckets()).isEqualTo(64);
        assertThat(tuning.payloadBuckets()).isEqualTo(64);
    }

    @Test
    void files_that_are_not_buckets_are_not_counted() throws Exception {
        Path version = Files.createDirectories(dataDir.resolve("persistence/client_queue/040500"));
        Files.createDirectories(version.resolve("client_queue_0"));
        Files.createDirectories(version.resolve("client_queue_1"));
        Files.writeString(version.resolve("LOCK"), "");
        Files.createDirectories(version.resolve("client_queue_backup"));

        assertThat(HiveMqTuning.forDataDirectory(dataDir).persistenceBuckets()).isEqualTo(2);
    }
}
