package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the last lines of a log file, to put them into an error message. Stateless and thread-safe. */
public final class LogTail {

    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /**
     * The last {@code lines} lines of {@code log} (reading at most its last 16 KiB), each prefixed with two spaces, or
     * a note saying why there is nothing to show.
     */
    public static String of(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "  (no log at " + log + ")";
            }
            byte[] all = Files.readAllBytes(log);
            int from = Math.max(0, all.length - MAX_BYTES);
            String text = new String(all, from, all.length - from, StandardCharsets.UTF_8);
            List<String> tail = text.lines().toList();
            tail = tail.subList(Math.max(0, tail.size() - lines), tail.size());
            if (tail.isEmpty()) {
                return "  (log " + log + " is empty)";
            }
            StringBuilder out = new StringBuilder();
            for (String line : tail) {
                out.append("  ").append(line).append('\n');
            }
            return out.toString().stripTrailing();
        } catch (IOException e) {
            return "  (could not read log " + log + ": " + e + ")";
        }
    }
}
