package org.shouhu.alert.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.Language;

class MessageTemplatesTest {

    private final MessageTemplates templates = new MessageTemplates();

    @Test
    void every_language_defines_every_key() {
        assertThat(templates.keys(Language.SIMPLIFIED_CHINESE))
                .containsExactlyInAnyOrderElementsOf(templates.keys(Language.ENGLISH));
        for (AlertKind kind : AlertKind.values()) {
            assertThat(templates.keys(Language.ENGLISH)).contains("event." + kind.token(), "headline." + kind.token());
        }
    }

    @Test
    void formats_arguments_without_locale_number_grouping() {
        assertThat(templates.format(Language.ENGLISH, "description.repeated", 1200)).isEqualTo("SOS pressed 1200 times.");
        assertThat(templates.format(Language.SIMPLIFIED_CHINESE, "headline.sos", "王小明")).isEqualTo("王小明 按下了求救按钮");
    }

    @Test
    void durations_read_naturally() {
        assertThat(templates.duration(Language.ENGLISH, Duration.ofSeconds(42))).isEqualTo("42 s");
        assertThat(templates.duration(Language.ENGLISH, Duration.ofMinutes(95))).isEqualTo("95 min");
        assertThat(templates.duration(Language.SIMPLIFIED_CHINESE, Duration.ofHours(5))).isEqualTo("5 小时");
    }
}
