package org.shouhu.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.shouhu.embedded.EmbeddedPostgresTest.execute;
import static org.shouhu.embedded.EmbeddedPostgresTest.scalar;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.shouhu.support.db.DatabaseSettings;

class TestServicesTest {

    @Test
    void gives_each_caller_a_distinct_empty_database() throws SQLException {
        DatabaseSettings first = TestServices.freshDatabase();
        DatabaseSettings second = TestServices.freshDatabase();

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl()).matches(".*/shouhu_t_[0-9a-f]{16}(\\?.*)?");
        execute(first, "CREATE TABLE positions (id int)", "INSERT INTO positions VALUES (1)");
        assertThat(scalar(first, "SELECT count(*) FROM positions")).isEqualTo("1");
        assertThat(scalar(second, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("0");
        assertThat(scalar(second, "SELECT current_database()")).startsWith("shouhu_t_");
    }

    @Test
    void gives_a_broker_that_delivers_qos1_messages() throws Exception {
        String url = TestServices.mqttUrl();
        assertThat(url).matches("tcp://[^:/]+:\\d+");
        try (MqttTestClient client = MqttTestClient.connect(url, "test-services-probe", true)) {
            client.subscribe("shouhu/test/services/probe", 1);
            client.publish("shouhu/test/services/probe", "ping", 1);
            EmbeddedMqttBrokerTest.awaitSize(client.received::size, 1);
            assertThat(client.received).containsExactly("ping");
        }
    }

    @Test
    void says_whether_the_services_are_external_as_the_environment_does() {
        assertThat(TestServices.externalDatabase()).isEqualTo(isSet("SHOUHU_TEST_PG_URL"));
        assertThat(TestServices.externalBroker()).isEqualTo(isSet("SHOUHU_TEST_MQTT_URL"));
    }

    private static boolean isSet(String variable) {
        String value = System.getenv(variable);
        return value != null && !value.isBlank();
    }
}
