package org.shouhu.benchmarks.dispatch;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

/**
 * Options of the dispatch harness, from {@code --key=value} arguments. Arguments whose key starts with
 * {@code alerts.} are dispatch configuration overrides (e.g. {@code --alerts.delivery.retry-base=100ms}).
 *
 * @param adminJdbcUrl   a database of the PostgreSQL server in which the scratch database is (re)created
 * @param user           database user
 * @param database       the scratch database, dropped and created by the harness
 * @param alerts         SOS alerts of the fan-out runs
 * @param guardians      guardians per child (each SOS goes to them and to the police: guardians + 1 recipients)
 * @param failureRate    share of requests the fan-out receiver answers with 503
 * @param latencySamples SOS raised one after another in the latency run (after as many again for warm-up)
 * @param seed           seed of the receiver's failures
 * @param poolSize       database connections
 * @param parts          which parts to run
 * @param ingestRate     fixes per second written by the telemetry writer in the same database meanwhile; 0: none
 * @param warmUps        unmeasured fan-out runs of each kind before the measured one, each as large
 * @param handOver       whether raised alerts are handed straight to the dispatcher (as the server does) or left to
 *                       its claim after a wake-up (the path before the hand-over, for comparison)
 * @param overrides      dispatch configuration overrides
 */
record DispatchBenchOptions(String adminJdbcUrl, String user, String database, int alerts, int guardians,
                            double failureRate, int latencySamples, long seed, int poolSize, Set<Part> parts,
                            int ingestRate, int warmUps, boolean handOver, Map<String, String> overrides) {

    /** The parts of a run. */
    enum Part { BACKLOG, LIVE, LATENCY, RAW }

    static final String USAGE = """
            Usage: DispatchBench [--key=value ...]
              --jdbc=jdbc:postgresql://127.0.0.1:5432/postgres
                                          a database to connect to for creating the scratch database
              --user=postgres             database user (trust or .pgpass authentication)
              --database=dispatchbench    scratch database, DROPPED and re-created
              --alerts=1000               SOS alerts per fan-out run
              --guardians=4               guardians per child; recipients per alert = guardians + police
              --failure-rate=0.2          share of requests the fan-out receiver answers 503
              --latency-samples=1000      sequential SOS in the latency run (plus as many for warm-up)
              --seed=42                   seed of the receiver's failures
              --pool=16                   database connections
              --parts=backlog,live,latency,raw
                                          parts to run: backlog drain, live fan-out, SOS latency, raw limits
              --ingest-rate=0             fixes per second the telemetry writer stores in the same database
                                          during every part (e.g. 5000); 0 for none
              --warm-ups=1                unmeasured fan-out runs of each kind first, as large as the
                                          measured one (JIT compilation a running server has finished)
              --hand-over=true            false: raised alerts wait for the dispatcher's claim (wake-up)
              --alerts.<key>=<value>      any alert-dispatch setting, e.g. --alerts.delivery.retry-base=100ms
            """;

    DispatchBenchOptions {
        parts = Set.copyOf(parts);
        overrides = Map.copyOf(overrides);
    }

    static DispatchBenchOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> overrides = new TreeMap<>();
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("not --key=value: " + arg);
            }
            String key = arg.substring(2, eq);
            (key.startsWith("alerts.") ? overrides : values).put(key, arg.substring(eq + 1));
        }
        DispatchBenchOptions options = new DispatchBenchOptions(
                take(values, "jdbc", "jdbc:postgresql://127.0.0.1:5432/postgres"), take(values, "user", "postgres"),
                take(values, "database", "dispatchbench"), positive(values, "alerts", 1_000),
                positive(values, "guardians", 4), rate(values, "failure-rate", 0.2),
                positive(values, "latency-samples", 1_000), Long.parseLong(take(values, "seed", "42")),
                positive(values, "pool", 16), parts(take(values, "parts", "backlog,live,latency,raw")),
                nonNegative(values, "ingest-rate", 0), nonNegative(values, "warm-ups", 1), Boolean.parseBoolean(take(values, "hand-over", "true")),
                overrides);
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

    private static Set<Part> parts(String list) {
        Set<Part> parts = EnumSet.noneOf(Part.class);
        for (String name : list.split(",")) {
            try {
                parts.add(Part.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--parts: unknown part " + name);
            }
        }
        return parts;
    }

    private static int nonNegative(Map<String, String> values, String key, int fallback) {
        int value = Integer.parseInt(take(values, key, Integer.toString(fallback)));
        if (value < 0) {
            throw new IllegalArgumentException("--" + key + " must not be negative: " + value);
        }
        return value;
    }

    private static int positive(Map<String, String> values, String key, int fallback) {
        int value = Integer.parseInt(take(values, key, Integer.toString(fallback)));
        if (value < 1) {
            throw new IllegalArgumentException("--" + key + " must be positive: " + value);
        }
        return value;
    }

    private static double rate(Map<String, String> values, String key, double fallback) {
        double value = Double.parseDouble(take(values, key, Double.toString(fallback)));
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("--" + key + " must be in [0, 1): " + value);
        }
        return value;
    }
}
