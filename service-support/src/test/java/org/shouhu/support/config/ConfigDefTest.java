package org.shouhu.support.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigDefTest {

    private final ConfigDef definition = new ConfigDef()
            .define("batch.max-messages", ConfigType.INT, 500, Validator.between(1, 10_000), "Batch size.")
            .define("batch.linger", ConfigType.DURATION, Duration.ofMillis(50),
                    Validator.durationBetween(Duration.ZERO, Duration.ofSeconds(10)), "Linger.")
            .define("police.fallback", ConfigType.URI, URI.create("http://127.0.0.1:9/cap"),
                    Validator.uriSchemes("http", "https"), "Fallback endpoint.")
            .define("groups", ConfigType.LIST, List.of("a"), "Groups.")
            .defineRequired("database.url", ConfigType.STRING, Validator.nonBlank(), "Database.")
            .defineSecret("webhook.secret", "", Validator.any(), "Signing secret.");

    @Test
    void uses_defaults_for_absent_keys() {
        ConfigValues values = definition.parse(Map.of("database.url", "jdbc:postgresql://h/db"), Map.of());

        assertThat(values.getInt("batch.max-messages")).isEqualTo(500);
        assertThat(values.getDuration("batch.linger")).isEqualTo(Duration.ofMillis(50));
        assertThat(values.getList("groups")).containsExactly("a");
    }

    @Test
    void environment_variable_overrides_the_file() {
        ConfigValues values = definition.parse(
                Map.of("database.url", "jdbc:postgresql://h/db", "batch.max-messages", "100"),
                Map.of("SHOUHU_BATCH_MAX_MESSAGES", "200", "SHOUHU_BATCH_LINGER", "2s"));

        assertThat(values.getInt("batch.max-messages")).isEqualTo(200);
        assertThat(values.getDuration("batch.linger")).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void reports_every_problem_naming_the_key() {
        ConfigException error = assertThrows(ConfigException.class, () -> definition.parse(
                Map.of("batch.max-messages", "0", "batch.linger", "fast", "bacth.size", "3"), Map.of()));

        assertThat(error.getMessage())
                .contains("bacth.size: unknown configuration key")
                .contains("batch.max-messages: '0' must be in 1..10000")
                .contains("batch.linger: 'fast' is not a valid duration")
                .contains("database.url: required (set it in the file or as SHOUHU_DATABASE_URL)");
    }

    @Test
    void never_shows_a_secret_value_in_errors() {
        ConfigDef strict = new ConfigDef().defineSecret("webhook.secret", "0123456789abcdef", Validator.of(
                value -> value.toString().length() < 16 ? "must have at least 16 characters" : null, ">= 16 chars"),
                "Secret.");

        ConfigException error = assertThrows(ConfigException.class,
                () -> strict.parse(Map.of("webhook.secret", "hunter2"), Map.of()));

        assertThat(error.getMessage()).doesNotContain("hunter2").contains("'****' must have at least 16 characters");
    }

    @Test
    void rejects_an_invalid_default_when_defined() {
        assertThrows(IllegalArgumentException.class, () -> new ConfigDef()
                .define("size", ConfigType.INT, 0, Validator.between(1, 5), "Size."));
    }

    @Test
    void parses_iso_and_short_durations() {
        assertThat(ConfigType.parseDuration("PT1M")).isEqualTo(Duration.ofMinutes(1));
        assertThat(ConfigType.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigType.parseDuration("7d")).isEqualTo(Duration.ofDays(7));
        assertThrows(IllegalArgumentException.class, () -> ConfigType.parseDuration("5 minutes"));
    }

    @Test
    void generates_a_reference_row_per_key() {
        String markdown = definition.toMarkdown();

        assertThat(markdown).contains("| `batch.linger` | `SHOUHU_BATCH_LINGER` | duration | `50ms` | 0s..10s | Linger. |");
        assertThat(markdown).contains("| `database.url` | `SHOUHU_DATABASE_URL` | string | *required* |");
        assertThat(markdown).contains("*(secret)*");
    }
}
