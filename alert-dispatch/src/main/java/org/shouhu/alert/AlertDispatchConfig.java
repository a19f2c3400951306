package org.shouhu.alert;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigType;
import org.shouhu.support.config.ConfigValues;
import org.shouhu.support.config.Validator;

/**
 * Settings of alert dispatch. Build with {@link #from(ConfigValues)} after parsing {@link #DEFINITION}, or with
 * {@link #parse(Map)} from plain properties.
 *
 * @param capSender              CAP {@code <sender>}: this platform's identity towards the police
 * @param capLanguage            language of the CAP {@code <info>} block
 * @param capOffset              UTC offset written in CAP times (CAP forbids {@code Z})
 * @param fallbackPolice         endpoint for SOS positions outside every jurisdiction (or without a position)
 * @param retryBase              first retry delay; doubled per attempt
 * @param retryCap               largest retry delay, also the cap on a receiver's Retry-After
 * @param requestTimeout         total time allowed for one HTTP delivery
 * @param lease                  how long a claimed outbox row belongs to this instance; longer than the timeout
 * @param instanceId             names this server instance in outbox leases; a restarted instance of the same name
 *                               takes back at once what its crashed predecessor held, instead of waiting out the lease
 * @param pollInterval           how often the outbox is polled for rows this instance was not woken for
 * @param batchSize              rows claimed per round
 * @param nextChannelAfterAttempts after this many failed attempts on a channel the recipient's next channel is
 *                               tried too (the first keeps being retried)
 * @param webhookSecret          HMAC-SHA256 key signing every HTTP delivery
 * @param smsProvider            the SMS gateway endpoint, empty when SMS is not configured
 * @param escalationCheckInterval how often due escalations are looked for
 * @param escalation             the policy per alert kind
 */
public record AlertDispatchConfig(String capSender, Language capLanguage, ZoneOffset capOffset, URI fallbackPolice,
                                  String fallbackPoliceName, Duration retryBase, Duration retryCap,
                                  Duration requestTimeout, Duration lease, String instanceId, Duration pollInterval,
                                  int batchSize,
                                  int nextChannelAfterAttempts, String webhookSecret, Optional<URI> smsProvider,
                                  Duration escalationCheckInterval, Map<AlertKind, EscalationPolicy> escalation) {

    /** The configuration keys of this module. */
    public static final ConfigDef DEFINITION = definition();

    public AlertDispatchConfig {
        Objects.requireNonNull(capSender, "capSender");
        Objects.requireNonNull(capLanguage, "capLanguage");
        Objects.requireNonNull(capOffset, "capOffset");
        Objects.requireNonNull(fallbackPolice, "fallbackPolice");
        Objects.requireNonNull(fallbackPoliceName, "fallbackPoliceName");
        Objects.requireNonNull(webhookSecret, "webhookSecret");
        Objects.requireNonNull(smsProvider, "smsProvider");
        Objects.requireNonNull(instanceId, "instanceId");
        if (instanceId.isBlank() || instanceId.contains("/")) {
            throw new IllegalArgumentException("instance id must be non-blank without '/'");
        }
        escalation = Map.copyOf(new EnumMap<>(escalation));
        if (capSender.isBlank() || capSender.matches(".*[\\s,<&].*")) {
            throw new IllegalArgumentException("CAP sender must be non-blank without spaces, commas, < or &");
        }
        if (webhookSecret.length() < 16) {
            throw new IllegalArgumentException("webhook secret must be at least 16 characters");
        }
        if (retryBase.isZero() || retryBase.isNegative() || retryCap.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("need 0 < retry base <= retry cap");
        }
        if (lease.compareTo(requestTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("the lease must be at least twice the request timeout, so that a row "
                    + "is not claimed by another instance while its delivery is still under way");
        }
        if (batchSize < 1 || nextChannelAfterAttempts < 1) {
            throw new IllegalArgumentException("batch size and next-channel-after-attempts must be positive");
        }
        for (AlertKind kind : AlertKind.values()) {
            if (!escalation.containsKey(kind)) {
                throw new IllegalArgumentException("no escalation policy for " + kind);
            }
        }
    }

    public EscalationPolicy policy(AlertKind kind) {
        return escalation.get(kind);
    }

    /** Parses and validates plain properties (keys of {@link #DEFINITION}); environment variables are not read. */
    public static AlertDispatchConfig parse(Map<String, String> properties) {
        return from(DEFINITION.parse(properties, Map.of()));
    }

    public static AlertDispatchConfig from(ConfigValues values) {
        Map<AlertKind, EscalationPolicy> escalation = new EnumMap<>(AlertKind.class);
        for (AlertKind kind : AlertKind.values()) {
            String prefix = "alerts.escalation." + kind.token() + ".";
            escalation.put(kind, new EscalationPolicy(values.getDuration(prefix + "ack-timeout"),
                    kind != AlertKind.SOS && values.getBoolean(prefix + "police"),
                    kind == AlertKind.SOS ? values.getInt(prefix + "max-police-resends") : 0));
        }
        String sms = values.getString("alerts.sms.provider-url").strip();
        return new AlertDispatchConfig(
                values.getString("alerts.cap.sender"),
                Language.forTag(values.getString("alerts.cap.language")),
                ZoneOffset.of(values.getString("alerts.cap.utc-offset")),
                values.getUri("alerts.police.fallback-endpoint"),
                values.getString("alerts.police.fallback-name"),
                values.getDuration("alerts.delivery.retry-base"),
                values.getDuration("alerts.delivery.retry-cap"),
                values.getDuration("alerts.delivery.request-timeout"),
                values.getDuration("alerts.delivery.lease"),
                instanceId(values.getString("alerts.delivery.instance-id")),
                values.getDuration("alerts.delivery.poll-interval"),
                values.getInt("alerts.delivery.batch-size"),
                values.getInt("alerts.delivery.next-channel-after-attempts"),
                values.getString("alerts.webhook.hmac-secret"),
                sms.isEmpty() ? Optional.empty() : Optional.of(URI.create(sms)),
                values.getDuration("alerts.escalation.check-interval"),
                escalation);
    }

    private static String instanceId(String configured) {
        if (!configured.isBlank()) {
            return configured.strip();
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host.replace('/', '-');
    }

    private static ConfigDef definition() {
        ConfigDef def = new ConfigDef()
                .define("alerts.cap.sender", ConfigType.STRING, "alerts@shouhu.org",
                        Validator.of(v -> v.toString().matches("[^\\s,<&]+") ? null
                                : "must not contain spaces, commas, < or &", "no spaces, commas, <, &"),
                        "CAP <sender> of every document sent to the police.")
                .define("alerts.cap.language", ConfigType.STRING, "zh-CN", Validator.oneOf("zh-CN", "en"),
                        "Language of the CAP <info> block sent to the police.")
                .define("alerts.cap.utc-offset", ConfigType.STRING, "+08:00",
                        Validator.of(v -> v.toString().matches("[+-]\\d\\d:\\d\\d") ? null : "must be like +08:00",
                                "+hh:mm"),
                        "UTC offset written in CAP times (CAP does not allow Z).")
                .defineRequired("alerts.police.fallback-endpoint", ConfigType.URI, Validator.uriSchemes("http", "https"),
                        "CAP endpoint receiving SOS alerts whose position lies outside every jurisdiction or is "
                                + "unknown; such alerts are flagged outside_jurisdiction.")
                .define("alerts.police.fallback-name", ConfigType.STRING, "Provincial police command centre",
                        Validator.any(), "Area description used in CAP for the fallback endpoint.")
                .define("alerts.delivery.retry-base", ConfigType.DURATION, Duration.ofMillis(100),
                        "First retry delay after a retriable failure; doubles per attempt, with jitter. Short, "
                                + "because most failures are momentary and an alert is urgent; the doubling "
                                + "protects a receiver that stays down.")
                .define("alerts.delivery.retry-cap", ConfigType.DURATION, Duration.ofMinutes(2),
                        "Largest retry delay; also caps a receiver's Retry-After.")
                .define("alerts.delivery.request-timeout", ConfigType.DURATION, Duration.ofSeconds(10),
                        "Total time allowed for one HTTP delivery attempt.")
                .define("alerts.delivery.lease", ConfigType.DURATION, Duration.ofSeconds(30),
                        "How long a claimed outbox row belongs to one server instance (at least twice the timeout). "
                                + "Rows held by a crashed instance of another name wait this long.")
                .define("alerts.delivery.instance-id", ConfigType.STRING, "", Validator.of(
                                v -> v.toString().contains("/") ? "must not contain '/'" : null, "no '/'"),
                        "Names this instance in outbox leases; unique among running instances. A restarted "
                                + "instance takes back at once what its previous run held. Empty means the host name.")
                .define("alerts.delivery.poll-interval", ConfigType.DURATION, Duration.ofSeconds(2),
                        "How often the outbox is polled for due retries and rows of other instances.")
                .define("alerts.delivery.batch-size", ConfigType.INT, 50, Validator.between(1, 1000),
                        "Outbox rows claimed per round.")
                .define("alerts.delivery.next-channel-after-attempts", ConfigType.INT, 3, Validator.between(1, 100),
                        "After this many failed attempts the recipient's next channel is tried as well.")
                .defineSecret("alerts.webhook.hmac-secret", null,
                        Validator.of(v -> v.toString().length() >= 16 ? null : "must be at least 16 characters",
                                "at least 16 characters"),
                        "Key of the HMAC-SHA256 signature on every HTTP delivery (X-Shouhu-Signature).")
                .define("alerts.sms.provider-url", ConfigType.STRING, "", Validator.any(),
                        "SMS gateway endpoint (HTTP POST, JSON); empty disables SMS, which then falls to the next channel.")
                .define("alerts.escalation.check-interval", ConfigType.DURATION, Duration.ofSeconds(5),
                        "How often due escalations are looked for.")
                .define("alerts.escalation.sos.ack-timeout", ConfigType.DURATION, Duration.ofMinutes(2),
                        "An SOS not acknowledged within this is re-sent to the police with higher priority.")
                .define("alerts.escalation.sos.max-police-resends", ConfigType.INT, 5, Validator.between(0, 100),
                        "How many times an unacknowledged SOS is re-sent to the police.");
        record ZoneDefault(AlertKind kind, Duration timeout, boolean police) {
        }
        for (ZoneDefault zone : new ZoneDefault[] {
                new ZoneDefault(AlertKind.ENTERED_DANGER_ZONE, Duration.ofMinutes(3), true),
                new ZoneDefault(AlertKind.LEFT_SCHOOL, Duration.ofMinutes(10), true),
                new ZoneDefault(AlertKind.MISSED_ARRIVAL, Duration.ofMinutes(15), true),
                new ZoneDefault(AlertKind.CURFEW, Duration.ofMinutes(30), false),
                new ZoneDefault(AlertKind.INFO, Duration.ZERO, false)}) {
            String prefix = "alerts.escalation." + zone.kind().token() + ".";
            def.define(prefix + "ack-timeout", ConfigType.DURATION, zone.timeout(),
                    "Time a " + zone.kind().token() + " alert waits for acknowledgement before the next guardian "
                            + "(then the police) is told; 0s disables escalation.")
                    .define(prefix + "police", ConfigType.BOOLEAN, zone.police(),
                            "Whether an unacknowledged " + zone.kind().token() + " alert goes to the police after "
                                    + "the last guardian (else it expires).");
        }
        return def;
    }
}
