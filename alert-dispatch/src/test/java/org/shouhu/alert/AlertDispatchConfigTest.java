package org.shouhu.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.support.config.ConfigException;

class AlertDispatchConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> properties = new HashMap<>();
        properties.put("alerts.police.fallback-endpoint", "https://command.example/cap");
        properties.put("alerts.webhook.hmac-secret", "0123456789abcdef0123");
        return properties;
    }

    @Test
    void defaults_give_a_working_configuration() {
        AlertDispatchConfig config = AlertDispatchConfig.parse(minimal());
        assertThat(config.capLanguage()).isEqualTo(Language.SIMPLIFIED_CHINESE);
        assertThat(config.capOffset().getTotalSeconds()).isEqualTo(8 * 3600);
        assertThat(config.smsProvider()).isEmpty();
        assertThat(config.policy(AlertKind.SOS).ackTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.policy(AlertKind.ENTERED_DANGER_ZONE).escalateToPolice()).isTrue();
        assertThat(config.policy(AlertKind.INFO).escalates()).isFalse();
    }

    @Test
    void escalation_policies_are_configuration() {
        Map<String, String> properties = minimal();
        properties.put("alerts.escalation.curfew.ack-timeout", "45m");
        properties.put("alerts.escalation.curfew.police", "true");
        AlertDispatchConfig config = AlertDispatchConfig.parse(properties);
        assertThat(config.policy(AlertKind.CURFEW)).isEqualTo(new EscalationPolicy(Duration.ofMinutes(45), true, 0));
    }

    @Test
    void rejects_missing_fallback_short_secret_and_unknown_keys() {
        Map<String, String> noFallback = minimal();
        noFallback.remove("alerts.police.fallback-endpoint");
        assertThrows(ConfigException.class, () -> AlertDispatchConfig.parse(noFallback));
        Map<String, String> shortSecret = minimal();
        shortSecret.put("alerts.webhook.hmac-secret", "short");
        ConfigException secret = assertThrows(ConfigException.class, () -> AlertDispatchConfig.parse(shortSecret));
        assertThat(secret.getMessage()).doesNotContain("short");
        Map<String, String> typo = minimal();
        typo.put("alerts.delivery.retry-bse", "1s");
        assertThrows(ConfigException.class, () -> AlertDispatchConfig.parse(typo));
    }

    @Test
    void rejects_a_lease_shorter_than_twice_the_request_timeout() {
        Map<String, String> properties = minimal();
        properties.put("alerts.delivery.request-timeout", "20s");
        properties.put("alerts.delivery.lease", "30s");
        assertThrows(IllegalArgumentException.class, () -> AlertDispatchConfig.parse(properties));
    }
}
