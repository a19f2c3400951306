package org.shouhu.sim.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The recording file format, one message per line, UTF-8, after a header line:
 * <pre>
 * # shouhu-sim recording v1
 * 2026-03-02T23:05:07.123Z	shouhu/v1/868000000000003/up/pos	AQEAAAAAAABkAAAA...
 * </pre>
 * Fields are separated by one tab: the simulated instant (ISO-8601), the topic, the payload in base64. Lines are in
 * publishing order. Stateless and thread-safe.
 */
public final class RecordingFormat {

    public static final String HEADER = "# shouhu-sim recording v1";

    private RecordingFormat() {
    }

    static void writeHeader(Writer out) throws IOException {
        out.write(HEADER);
        out.write('\n');
    }

    static void write(Writer out, RecordedMessage message) throws IOException {
        out.write(message.at().toString());
        out.write('\t');
        out.write(message.topic());
        out.write('\t');
        out.write(Base64.getEncoder().encodeToString(message.payload()));
        out.write('\n');
    }

    /**
     * Reads a whole recording.
     *
     * @throws RecordingException naming the line when the file is not a recording or a line is malformed
     */
    public static List<RecordedMessage> read(Path file) throws IOException, RecordingException {
        List<RecordedMessage> out = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (!HEADER.equals(header)) {
                throw new RecordingException(file + ": line 1: not a recording (expected '" + HEADER + "')");
            }
            int lineNumber = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                out.add(parse(file, lineNumber, line));
            }
        }
        return out;
    }

    private static RecordedMessage parse(Path file, int lineNumber, String line) throws RecordingException {
        String[] fields = line.split("\t", -1);
        if (fields.length != 3) {
            throw new RecordingException(file + ": line " + lineNumber + ": expected 3 tab-separated fields, got "
                    + fields.length);
        }
        try {
            return new RecordedMessage(Instant.parse(fields[0]), fields[1], Base64.getDecoder().decode(fields[2]));
        } catch (DateTimeParseException e) {
            throw new RecordingException(file + ": line " + lineNumber + ": bad instant '" + fields[0] + "'");
        } catch (IllegalArgumentException e) {
            throw new RecordingException(file + ": line " + lineNumber + ": " + e.getMessage());
        }
    }
}
