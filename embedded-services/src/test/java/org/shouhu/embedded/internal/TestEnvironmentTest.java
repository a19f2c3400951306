package org.shouhu.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.support.db.DatabaseSettings;

class TestEnvironmentTest {

    @Test
    void uses_embedded_services_when_no_variable_is_set() {
        TestEnvironment environment = TestEnvironment.from(Map.of("HOME", "/root"));

        assertThat(environment.database()).isEmpty();
        assertThat(environment.mqttUrl()).isEmpty();
    }

    @Test
    void treats_blank_variables_as_unset() {
        TestEnvironment environment = TestEnvironment.from(Map.of("SHOUHU_TEST_PG_URL", " ", "SHOUHU_TEST_MQTT_URL", ""));

        assertThat(environment.database()).isEmpty();
        assertThat(environment.mqttUrl()).isEmpty();
    }

    @Test
    void reads_an_external_database_with_default_user_and_empty_password() {
        TestEnvironment environment = TestEnvironment.from(Map.of(
                "SHOUHU_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "SHOUHU_TEST_MQTT_URL", "tcp://127.0.0.1:1883"));

        assertThat(environment.database()).contains(
                new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
        assertThat(environment.mqttUrl()).contains("tcp://127.0.0.1:1883");
    }

    @Test
    void reads_the_user_and_password_of_an_external_database() {
        TestEnvironment environment = TestEnvironment.from(Map.of(
                "SHOUHU_TEST_PG_URL", "jdbc:postgresql://db:5432/test",
                "SHOUHU_TEST_PG_USER", "ci",
                "SHOUHU_TEST_PG_PASSWORD", "secret"));

        assertThat(environment.database()).contains(new DatabaseSettings("jdbc:postgresql://db:5432/test", "ci", "secret"));
    }

    @Test
    void rejects_a_database_url_that_is_not_jdbc_postgresql_naming_the_variable() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> TestEnvironment.from(Map.of("SHOUHU_TEST_PG_URL", "postgres://127.0.0.1/test")));

        assertThat(failure.getMessage()).startsWith("SHOUHU_TEST_PG_URL");
    }

    @Test
    void rejects_a_broker_url_without_scheme_or_port_naming_the_variable() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> TestEnvironment.from(Map.of("SHOUHU_TEST_MQTT_URL", "127.0.0.1:1883")));

        assertThat(failure.getMessage()).startsWith("SHOUHU_TEST_MQTT_URL");
    }
}
