package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Facts about the operating-system user the JVM runs as. Stateless and thread-safe. */
public final class CurrentUser {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private CurrentUser() {
    }

    /**
     * Whether the JVM's effective user id is 0. Reads {@code /proc/self/status} (Linux); where that file does not
     * exist the user is taken to be unprivileged, which is what every other platform this code supports runs as.
     */
    public static boolean isRoot() {
        if (!Files.isReadable(PROC_STATUS)) {
            return false;
        }
        try {
            return effectiveUid(Files.readAllLines(PROC_STATUS)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** The effective uid from the lines of a {@code /proc/PID/status} file: the second field of its Uid line. */
    static long effectiveUid(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("Uid:")) {
                String[] fields = line.substring("Uid:".length()).trim().split("\\s+");
                return Long.parseLong(fields[1]);
            }
        }
        throw new IllegalArgumentException("no Uid line in process status");
    }
}
