package org.shouhu.sim.scenario;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.internal.DurationText;
import org.shouhu.sim.model.Intervention;
import org.shouhu.sim.region.GeoPoint;

/**
 * Reads the scenario format: one statement per line, {@code #} starts a comment.
 * <pre>
 * seed 42
 * devices 50
 * start 2026-03-02T06:00+08:00
 * interval 60s
 * duration 12h
 * at 07:35 device 3 sos
 * at 07:40 device 4 sos without-fix
 * at +2h device 5 enter-danger-zone for 30m
 * at day 2 09:00 device 868000000000007 remove-band for 2h
 * at 10:00 device 9 offline for 1h
 * at 11:00 device 2 walk-to 27.3012,105.2875 for 20m
 * </pre>
 * Every problem is reported with its line number, all at once. Stateless and thread-safe.
 */
public final class ScenarioParser {

    private static final Duration DEFAULT_STAY = Duration.ofMinutes(30);

    private ScenarioParser() {
    }

    public static Scenario parse(Path file) throws IOException, ScenarioException {
        return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static Scenario parse(String source, List<String> lines) throws ScenarioException {
        Builder builder = new Builder();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = stripComment(lines.get(i)).trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                builder.statement(i + 1, text.split("\\s+"));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return builder.build();
    }

    /**
     * An ISO-8601 date-time with offset ({@code 2026-03-02T06:00+08:00}, {@code 2026-03-02T22:00Z}), or a local
     * date-time taken in Asia/Shanghai ({@code 2026-03-02T06:00}).
     *
     * @throws IllegalArgumentException explaining the accepted forms
     */
    public static Instant parseInstant(String text) {
        return Builder.instant(text);
    }

    private static String stripComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    private static final class Builder {
        private OptionalLong seed = OptionalLong.empty();
        private OptionalInt devices = OptionalInt.empty();
        private Optional<Instant> start = Optional.empty();
        private Optional<Duration> interval = Optional.empty();
        private Optional<Duration> duration = Optional.empty();
        private final List<ScenarioEvent> events = new ArrayList<>();

        void statement(int line, String[] words) {
            switch (words[0]) {
                case "seed" -> seed = OptionalLong.of(parseLong(single(words), "seed"));
                case "devices" -> devices = OptionalInt.of(positive((int) parseLong(single(words), "devices"), "devices"));
                case "start" -> start = Optional.of(instant(single(words)));
                case "interval" -> interval = Optional.of(DurationText.parse(single(words)));
                case "duration" -> duration = Optional.of(DurationText.parse(single(words)));
                case "at" -> events.add(event(line, words));
                default -> throw new IllegalArgumentException("unknown statement '" + words[0]
                        + "' (expected seed, devices, start, interval, duration or at)");
            }
        }

        Scenario build() {
            return new Scenario(seed, devices, start, interval, duration, events);
        }

        private static ScenarioEvent event(int line, String[] words) {
            int deviceWord = Arrays.asList(words).indexOf("device");
            if (deviceWord < 2 || deviceWord + 2 >= words.length) {
                throw new IllegalArgumentException("expected 'at <time> device <index|imei> <action>'");
            }
            TimeSpec when = time(Arrays.copyOfRange(words, 1, deviceWord));
            DeviceRef device = device(words[deviceWord + 1]);
            Intervention action = action(Arrays.copyOfRange(words, deviceWord + 2, words.length));
            return new ScenarioEvent(line, when, device, action);
        }

        private static TimeSpec time(String[] words) {
            if (words.length == 3 && words[0].equals("day")) {
                return new TimeSpec.LocalClock(positive((int) parseLong(words[1], "day"), "day"), localTime(words[2]));
            }
            if (words.length != 1) {
                throw new IllegalArgumentException("expected a time: HH:mm, day N HH:mm, +duration or an ISO date-time");
            }
            String word = words[0];
            if (word.startsWith("+")) {
                return new TimeSpec.AfterStart(DurationText.parse(word.substring(1)));
            }
            if (word.length() <= 8 && word.contains(":")) {
                return new TimeSpec.LocalClock(1, localTime(word));
            }
            return new TimeSpec.Absolute(instant(word));
        }

        private static DeviceRef device(String word) {
            if (word.length() == 15) {
                return new DeviceRef.ByImei(DeviceId.parse(word));
            }
            return new DeviceRef.ByIndex((int) parseLong(word, "device index"));
        }

        private static Intervention action(String[] words) {
            String verb = words[0];
            return switch (verb) {
                case "sos" -> sos(words);
                case "enter-danger-zone" -> new Intervention.EnterDangerSpot(forClause(words, 1, DEFAULT_STAY));
                case "walk-to" -> {
                    if (words.length < 2) {
                        throw new IllegalArgumentException("walk-to needs a position: walk-to <lat>,<lon> [for <duration>]");
                    }
                    yield new Intervention.WalkTo(position(words[1]), forClause(words, 2, DEFAULT_STAY));
                }
                case "remove-band" -> new Intervention.RemoveBand(forClause(words, 1, null));
                case "offline" -> new Intervention.GoOffline(forClause(words, 1, null));
                default -> throw new IllegalArgumentException("unknown action '" + verb
                        + "' (expected sos, enter-danger-zone, walk-to, remove-band or offline)");
            };
        }

        private static Intervention sos(String[] words) {
            if (words.length == 1) {
                return new Intervention.PressSos(true);
            }
            if (words.length == 2 && words[1].equals("without-fix")) {
                return new Intervention.PressSos(false);
            }
            throw new IllegalArgumentException("expected 'sos' or 'sos without-fix'");
        }

        /** {@code for <duration>} at {@code from}; required when {@code fallback} is null. */
        private static Duration forClause(String[] words, int from, Duration fallback) {
            if (words.length == from && fallback != null) {
                return fallback;
            }
            if (words.length != from + 2 || !words[from].equals("for")) {
                throw new IllegalArgumentException("'" + words[0] + "' expects 'for <duration>'"
                        + (fallback == null ? "" : " or nothing (default " + DurationText.format(fallback) + ")"));
            }
            Duration d = DurationText.parse(words[from + 1]);
            if (d.isZero()) {
                throw new IllegalArgumentException("duration must be positive: " + words[from + 1]);
            }
            return d;
        }

        private static GeoPoint position(String word) {
            String[] parts = word.split(",");
            if (parts.length != 2) {
                throw new IllegalArgumentException("expected <lat>,<lon>: " + word);
            }
            try {
                return new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected <lat>,<lon> in degrees: " + word);
            }
        }

        private static Instant instant(String word) {
            try {
                return OffsetDateTime.parse(word).toInstant();
            } catch (DateTimeParseException notOffset) {
                try {
                    return LocalDateTime.parse(word).atZone(TimeSpec.LOCAL_ZONE).toInstant();
                } catch (DateTimeParseException notLocal) {
                    throw new IllegalArgumentException("not a date-time: '" + word
                            + "' (use e.g. 2026-03-02T06:00+08:00, or 2026-03-02T06:00 for Guizhou local time)");
                }
            }
        }

        private static LocalTime localTime(String word) {
            try {
                return LocalTime.parse(word.length() == 4 ? "0" + word : word);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a time of day: '" + word + "' (use HH:mm)");
            }
        }

        private static String single(String[] words) {
            if (words.length != 2) {
                throw new IllegalArgumentException("'" + words[0] + "' takes exactly one value");
            }
            return words[1];
        }

        private static long parseLong(String word, String what) {
            try {
                return Long.parseLong(word);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number: '" + word + "'");
            }
        }

        private static int positive(int value, String what) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
