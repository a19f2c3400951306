package org.shouhu.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.shouhu.protocol.MessageType;
import org.shouhu.protocol.Topics;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigType;
import org.shouhu.support.config.ConfigValues;
import org.shouhu.support.config.Validator;

/**
 * Settings of the ingest service. Validated on construction; immutable and thread-safe.
 *
 * @param mqttUrl           broker address, {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId          MQTT client id; stable per instance so that its persistent session survives restarts;
 *                          the SOS connection uses it with {@code -sos} appended
 * @param shareGroup        shared-subscription group; instances in the same group split the uplink traffic
 * @param username          MQTT user name, empty for none
 * @param password          MQTT password, empty for none
 * @param batchMaxMessages  a batch is written as soon as it holds this many messages
 * @param batchLinger       or when its first message has waited this long (it closes earlier when arrivals pause)
 * @param queueCapacity     messages received but not yet written; beyond it the connection is dropped and resumed
 *                          once the writer catches up (the broker keeps the unacknowledged messages)
 * @param maxFutureSkew     a fix or press time further than this in the future is rejected as TIME_IN_FUTURE
 * @param sosLateThreshold  an SOS pressed longer than this before it was received is flagged late
 * @param sosStoreWait      how long the SOS handler of a press without a fix waits for the last known position
 *                          before it is called without it; storage goes on retrying in the background
 * @param reconnectMin      first delay before reconnecting to the broker
 * @param reconnectMax      longest delay between reconnection attempts
 * @param retryMaxBackoff   longest delay between retries of a failed batch commit or a failed SOS handler
 * @param shutdownTimeout   how long stopping waits for queued messages to be committed
 * @param retention         how long positions and statuses are kept (passed to partition maintenance)
 * @param partitionsAhead   how many daily partitions maintenance creates ahead of today (plain PostgreSQL)
 * @param connections       broker connections that share the ordinary (non-SOS) uplink traffic; each has its own
 *                          window of unacknowledged messages, and acknowledgement waits for the commit
 * @param writers           batches written concurrently, each on its own database connection
 */
public record IngestConfig(URI mqttUrl, String clientId, String shareGroup, String username, String password,
                           int batchMaxMessages, Duration batchLinger, int queueCapacity, Duration maxFutureSkew,
                           Duration sosLateThreshold, Duration sosStoreWait, Duration reconnectMin,
                           Duration reconnectMax, Duration retryMaxBackoff, Duration shutdownTimeout,
                           Duration retention, int partitionsAhead, int connections,
                           int writers) {

    public static final String MQTT_URL = "ingest.mqtt.url";
    public static final String CLIENT_ID = "ingest.mqtt.client-id";
    public static final String SHARE_GROUP = "ingest.mqtt.share-group";
    public static final String USERNAME = "ingest.mqtt.username";
    public static final String PASSWORD = "ingest.mqtt.password";
    public static final String BATCH_MAX_MESSAGES = "ingest.batch.max-messages";
    public static final String BATCH_LINGER = "ingest.batch.linger";
    public static final String QUEUE_CAPACITY = "ingest.batch.queue-capacity";
    public static final String MAX_FUTURE_SKEW = "ingest.max-future-skew";
    public static final String SOS_LATE_THRESHOLD = "ingest.sos.late-threshold";
    public static final String SOS_STORE_WAIT = "ingest.sos.store-wait";
    public static final String RECONNECT_MIN = "ingest.mqtt.reconnect-min";
    public static final String RECONNECT_MAX = "ingest.mqtt.reconnect-max";
    public static final String RETRY_MAX_BACKOFF = "ingest.retry.max-backoff";
    public static final String SHUTDOWN_TIMEOUT = "ingest.shutdown-timeout";
    public static final String RETENTION = "ingest.retention";
    public static final String PARTITIONS_AHEAD = "ingest.partitions.days-ahead";
    public static final String CONNECTIONS = "ingest.mqtt.connections";
    public static final String WRITERS = "ingest.batch.writers";

    /** The ingest configuration keys, with defaults, validation and documentation. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(MQTT_URL, ConfigType.URI, URI.create("tcp://127.0.0.1:1883"), Validator.uriSchemes("tcp", "ssl"),
                    "MQTT broker the wristbands publish to.")
            .define(CLIENT_ID, ConfigType.STRING, "shouhu-ingest-1", Validator.nonBlank(),
                    "MQTT client id of this instance. Must be stable across restarts and unique per instance: the "
                            + "broker keeps unacknowledged messages in the session of this id. The SOS connection "
                            + "uses the id with -sos appended.")
            .define(SHARE_GROUP, ConfigType.STRING, "ingest", Validator.of(IngestConfig::checkShareGroup,
                            "a topic level without / + #"),
                    "Shared-subscription group; ingest instances in one group split the uplink traffic.")
            .define(USERNAME, ConfigType.STRING, "", "MQTT user name; empty for anonymous.")
            .defineSecret(PASSWORD, "", Validator.any(), "MQTT password; empty for none.")
            .define(BATCH_MAX_MESSAGES, ConfigType.INT, 500, Validator.between(1, 100_000),
                    "A batch is committed as soon as it holds this many messages.")
            .define(BATCH_LINGER, ConfigType.DURATION, Duration.ofMillis(50),
                    Validator.durationBetween(Duration.ofMillis(1), Duration.ofMinutes(1)),
                    "... or when its first message has waited this long; a batch also closes as soon as "
                            + "messages stop arriving for 2 ms (the broker's windows are used up and "
                            + "nothing more comes before this commit). SOS never waits for it.")
            .define(QUEUE_CAPACITY, ConfigType.INT, 10_000, Validator.between(1, 1_000_000),
                    "Messages received but not yet committed. When full, ingest disconnects from the broker and "
                            + "reconnects once the writer has caught up; nothing is lost, the broker redelivers.")
            .define(MAX_FUTURE_SKEW, ConfigType.DURATION, Duration.ofMinutes(5),
                    Validator.durationBetween(Duration.ZERO, Duration.ofDays(1)),
                    "Fix or press times further ahead of the server clock are rejected (TIME_IN_FUTURE).")
            .define(SOS_LATE_THRESHOLD, ConfigType.DURATION, Duration.ofMinutes(2),
                    Validator.durationBetween(Duration.ofSeconds(1), Duration.ofDays(1)),
                    "An SOS received longer than this after the press is flagged late (still delivered).")
            .define(SOS_STORE_WAIT, ConfigType.DURATION, Duration.ofSeconds(2),
                    Validator.durationBetween(Duration.ofMillis(10), Duration.ofMinutes(1)),
                    "How long the SOS alert waits for the database (last known position); after that it is raised "
                            + "without it and storage keeps retrying.")
            .define(RECONNECT_MIN, ConfigType.DURATION, Duration.ofMillis(500),
                    Validator.durationBetween(Duration.ofMillis(10), Duration.ofMinutes(1)),
                    "First delay before reconnecting to the broker; doubles up to the maximum.")
            .define(RECONNECT_MAX, ConfigType.DURATION, Duration.ofSeconds(30),
                    Validator.durationBetween(Duration.ofMillis(10), Duration.ofMinutes(10)),
                    "Longest delay between reconnection attempts.")
            .define(RETRY_MAX_BACKOFF, ConfigType.DURATION, Duration.ofSeconds(10),
                    Validator.durationBetween(Duration.ofMillis(10), Duration.ofMinutes(10)),
                    "Longest delay between retries of a failed batch commit or SOS handler.")
            .define(SHUTDOWN_TIMEOUT, ConfigType.DURATION, Duration.ofSeconds(10),
                    Validator.durationBetween(Duration.ZERO, Duration.ofMinutes(5)),
                    "How long stopping waits for queued messages to be committed; the rest is redelivered later.")
            .define(RETENTION, ConfigType.DURATION, Duration.ofDays(180),
                    Validator.durationBetween(Duration.ofDays(1), Duration.ofDays(3650)),
                    "How long positions and status history are kept.")
            .define(PARTITIONS_AHEAD, ConfigType.INT, 3, Validator.between(1, 60),
                    "Daily partitions created ahead of today on plain PostgreSQL.")
            .define(CONNECTIONS, ConfigType.INT, 32, Validator.between(1, 64),
                    "Broker connections sharing the ordinary uplink traffic (SOS has one more of its own). A broker "
                            + "sends each connection a bounded number of unacknowledged QoS 1 messages (Mosquitto: "
                            + "max_inflight_messages, 20 by default) and ingest acknowledges only after the commit, "
                            + "so throughput is about connections x window / commit time. Connection k > 0 uses the "
                            + "client id with -k appended. When lowering it, first drain the sessions of the ids "
                            + "given up, or their unacknowledged messages wait in the broker.")
            .define(WRITERS, ConfigType.INT, 2, Validator.between(1, 16),
                    "Batches written concurrently, each on its own database connection: the next batch is "
                            + "written while the previous one waits for its commit. Ingest holds this many "
                            + "connections plus one for SOS.");

    public IngestConfig {
        Objects.requireNonNull(mqttUrl, "mqttUrl");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(shareGroup, "shareGroup");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        requireSet(batchLinger, "batchLinger");
        requireSet(maxFutureSkew, "maxFutureSkew");
        requireSet(sosLateThreshold, "sosLateThreshold");
        requireSet(sosStoreWait, "sosStoreWait");
        requireSet(reconnectMin, "reconnectMin");
        requireSet(reconnectMax, "reconnectMax");
        requireSet(retryMaxBackoff, "retryMaxBackoff");
        requireSet(shutdownTimeout, "shutdownTimeout");
        requireSet(retention, "retention");
        if (!"tcp".equals(mqttUrl.getScheme()) && !"ssl".equals(mqttUrl.getScheme())) {
            throw new IllegalArgumentException("MQTT URL must be tcp:// or ssl://: " + mqttUrl);
        }
        if (mqttUrl.getHost() == null || mqttUrl.getPort() < 1) {
            throw new IllegalArgumentException("MQTT URL must name host and port: " + mqttUrl);
        }
        if (clientId.isBlank() || clientId.length() > 120) {
            throw new IllegalArgumentException("client id must be 1..120 characters: '" + clientId + "'");
        }
        String groupProblem = checkShareGroup(shareGroup);
        if (groupProblem != null) {
            throw new IllegalArgumentException("share group " + groupProblem + ": '" + shareGroup + "'");
        }
        if (batchMaxMessages < 1) {
            throw new IllegalArgumentException("batch size must be at least 1: " + batchMaxMessages);
        }
        if (queueCapacity < batchMaxMessages) {
            throw new IllegalArgumentException("queue capacity (" + queueCapacity + ") must hold at least one batch ("
                    + batchMaxMessages + ")");
        }
        if (batchLinger.isZero()) {
            throw new IllegalArgumentException("batch linger must be positive");
        }
        if (reconnectMax.compareTo(reconnectMin) < 0) {
            throw new IllegalArgumentException("reconnect maximum " + reconnectMax + " is below minimum " + reconnectMin);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1: " + writers);
        }
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1: " + connections);
        }
        if (partitionsAhead < 1) {
            throw new IllegalArgumentException("partitions ahead must be at least 1: " + partitionsAhead);
        }
    }

    /** The settings read from parsed configuration values (see {@link #DEFINITION}). */
    public static IngestConfig from(ConfigValues values) {
        return new IngestConfig(values.getUri(MQTT_URL), values.getString(CLIENT_ID), values.getString(SHARE_GROUP),
                values.getString(USERNAME), values.getString(PASSWORD), values.getInt(BATCH_MAX_MESSAGES),
                values.getDuration(BATCH_LINGER), values.getInt(QUEUE_CAPACITY), values.getDuration(MAX_FUTURE_SKEW),
                values.getDuration(SOS_LATE_THRESHOLD), values.getDuration(SOS_STORE_WAIT),
                values.getDuration(RECONNECT_MIN), values.getDuration(RECONNECT_MAX),
                values.getDuration(RETRY_MAX_BACKOFF), values.getDuration(SHUTDOWN_TIMEOUT),
                values.getDuration(RETENTION), values.getInt(PARTITIONS_AHEAD), values.getInt(CONNECTIONS),
                values.getInt(WRITERS));
    }

    /**
     * The settings from a map of keys to text values, defaults for the rest, ignoring the environment.
     *
     * @throws org.shouhu.support.config.ConfigException listing every invalid or unknown key
     */
    public static IngestConfig fromProperties(Map<String, String> properties) {
        return from(DEFINITION.parse(properties, Map.of()));
    }

    /** The shared-subscription filter of all uplink traffic of this instance's group. */
    public String subscriptionFilter() {
        return Topics.sharedUplinkFilter(shareGroup);
    }

    /**
     * The shared-subscription filters of the ordinary connection: every uplink kind except SOS.
     * {@link Topics#sharedUplinkFilter} covers all kinds; the per-kind filters follow the same scheme.
     */
    public List<String> ordinaryFilters() {
        List<String> filters = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            if (type != MessageType.SOS) {
                filters.add(sharedFilter(type));
            }
        }
        return filters;
    }

    /** The shared-subscription filter of the SOS connection. */
    public String sosFilter() {
        return sharedFilter(MessageType.SOS);
    }

    /** The client id of the SOS connection: the configured id with {@code -sos} appended. */
    public String sosClientId() {
        return clientId + "-sos";
    }

    /**
     * Database connections ingest holds while running: one per batch writer and one for SOS. A pool handed to
     * {@link IngestVerticle} needs at least this many (migrations at start-up use one before the others are taken).
     */
    public int databaseConnections() {
        return writers + 1;
    }

    /** The client ids of the ordinary connections: the configured id, then the id with {@code -1}, {@code -2}... */
    public List<String> ordinaryClientIds() {
        List<String> ids = new ArrayList<>(connections);
        ids.add(clientId);
        for (int k = 1; k < connections; k++) {
            ids.add(clientId + "-" + k);
        }
        return ids;
    }

    /** Every client id this instance connects with (its persistent sessions): the ordinary ones and the SOS one. */
    public List<String> connectionClientIds() {
        List<String> ids = new ArrayList<>(ordinaryClientIds());
        ids.add(sosClientId());
        return ids;
    }

    private String sharedFilter(MessageType type) {
        return "$share/" + shareGroup + "/" + Topics.PREFIX + "+/up/" + type.topicSuffix();
    }

    @Override
    public String toString() {
        return "IngestConfig[" + mqttUrl + " as " + clientId + " in group " + shareGroup + ", batch "
                + batchMaxMessages + "/" + batchLinger.toMillis() + "ms, " + connections + " connections, " + writers
                + " writers]";
    }

    private static String checkShareGroup(Object value) {
        String group = (String) value;
        if (group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
            return "must be a non-empty topic level without / + #";
        }
        return null;
    }

    private static void requireSet(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + duration);
        }
    }
}
