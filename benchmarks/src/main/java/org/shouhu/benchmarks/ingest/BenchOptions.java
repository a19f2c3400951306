package org.shouhu.benchmarks.ingest;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Options of the ingest harness, from {@code --key=value} arguments.
 *
 * @param mqttUrl      the broker both runs use
 * @param adminJdbcUrl a database of the PostgreSQL server in which the scratch database is (re)created
 * @param user         database user
 * @param database     the scratch database, dropped and created by the harness
 * @param messages     position frames published per run
 * @param publishers   publishing MQTT connections
 * @param devices      distinct wristbands the frames are spread over
 * @param batch        {@code ingest.batch.max-messages} of the ingest run
 * @param lingerMillis {@code ingest.batch.linger} of the ingest run
 * @param connections  {@code ingest.mqtt.connections} of the ingest run
 * @param rounds       how many times the pair of runs is repeated (the best round of each is reported too)
 * @param window       frames published but not yet delivered (received, or committed) at most
 * @param writers      {@code ingest.batch.writers} of the ingest run
 * @param sosPresses   SOS presses of the latency run, each on a band of its own (0: no latency run)
 * @param sosRate      SOS presses per second in the latency run
 * @param brokerPid    the broker's process id, whose CPU time is reported (0: every {@code mosquitto} process)
 */
record BenchOptions(URI mqttUrl, String adminJdbcUrl, String user, String database, int messages, int publishers,
                    int devices, int batch, int lingerMillis, int connections, int rounds, int window,
                    int writers, int sosPresses, int sosRate, int brokerPid) {

    static final String USAGE = """
            Usage: IngestBench [--key=value ...]
              --mqtt=tcp://127.0.0.1:1883          broker (both runs)
              --jdbc=jdbc:postgresql://127.0.0.1:5432/postgres
                                                   a database to connect to for creating the scratch database
              --user=postgres                      database user (trust or .pgpass authentication)
              --database=ingestbench               scratch database, DROPPED and re-created
              --messages=200000                    position frames per run
              --publishers=4                       publishing connections
              --devices=10000                      wristbands the frames are spread over
              --batch=2000                         ingest.batch.max-messages
              --linger-ms=5                        ingest.batch.linger
              --connections=32                     ingest.mqtt.connections (and connections of the plain
                                                   subscriber of the broker-alone run)
              --writers=2                          ingest.batch.writers
              --rounds=2                           repetitions of (broker alone, ingest)
              --window=4000                        frames published and not yet delivered, at most
                                                   (below what the broker queues for the subscriber
                                                   sessions, so that none is dropped)
              --sos=100                            SOS presses at half the best ingest rate (0: none)
              --sos-rate=10                        SOS presses per second
              --broker-pid=0                       the broker's process, for its CPU time (0: every
                                                   process named mosquitto)
            """;

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --key=value: " + arg);
            }
            values.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        BenchOptions options = new BenchOptions(URI.create(take(values, "mqtt", "tcp://127.0.0.1:1883")),
                take(values, "jdbc", "jdbc:postgresql://127.0.0.1:5432/postgres"), take(values, "user", "postgres"),
                take(values, "database", "ingestbench"), positive(values, "messages", 200_000),
                positive(values, "publishers", 4), positive(values, "devices", 10_000),
                positive(values, "batch", 2_000), positive(values, "linger-ms", 5),
                positive(values, "connections", 32), positive(values, "rounds", 2),
                positive(values, "window", 4_000), positive(values, "writers", 2),
                notNegative(values, "sos", 100), positive(values, "sos-rate", 10),
                notNegative(values, "broker-pid", 0));
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): " + values.keySet());
        }
        if (!options.database.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("--database must be a plain lower-case identifier: " + options.database);
        }
        return options;
    }

    /** The JDBC URL of the scratch database. */
    String scratchJdbcUrl() {
        int slash = adminJdbcUrl.lastIndexOf('/');
        int query = adminJdbcUrl.indexOf('?', slash);
        return adminJdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : adminJdbcUrl.substring(query));
    }

    private static String take(Map<String, String> values, String key, String fallback) {
        String value = values.remove(key);
        return value == null ? fallback : value;
    }

    private static int positive(Map<String, String> values, String key, int fallback) {
        return atLeast(values, key, fallback, 1);
    }

    private static int notNegative(Map<String, String> values, String key, int fallback) {
        return atLeast(values, key, fallback, 0);
    }

    private static int atLeast(Map<String, String> values, String key, int fallback, int least) {
        String text = take(values, key, Integer.toString(fallback));
        try {
            int value = Integer.parseInt(text);
            if (value < least) {
                throw new IllegalArgumentException("--" + key + " must be at least " + least + ": " + text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " is not a number: " + text);
        }
    }
}
