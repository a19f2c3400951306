package org.shouhu.embedded.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HiveMqConfigTest {

    @Test
    void binds_loopback_only_and_sends_no_usage_statistics() {
        String xml = new HiveMqConfig(18_830, false, 100).toXml();

        assertThat(xml).contains("<port>18830</port>", "<bind-address>127.0.0.1</bind-address>",
                "<anonymous-usage-statistics>\n        <enabled>false</enabled>", "<mode>in-memory</mode>",
                "<max-queue-size>100</max-queue-size>");
    }

    @Test
    void names_file_persistence_when_asked() {
        assertThat(new HiveMqConfig(1883, true, 100).toXml()).contains("<mode>file</mode>");
    }

    @Test
    void rejects_port_zero_because_the_listener_needs_a_concrete_port() {
        assertThrows(IllegalArgumentException.class, () -> new HiveMqConfig(0, false, 100));
    }
}
