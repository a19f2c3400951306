package org.shouhu.sim.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.shouhu.sim.PublishListener;

/**
 * Records what a fleet publishes, with simulated timing, in the {@link RecordingFormat}. Plug it into a fleet as its
 * {@link PublishListener}. Thread-safe. The first write error is kept and thrown by {@link #close()}, so a recording
 * never silently misses messages.
 */
public final class RecordingWriter implements PublishListener, AutoCloseable {

    private final Writer out;
    private IOException failure;
    private long written;

    public RecordingWriter(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        RecordingFormat.writeHeader(out);
    }

    @Override
    public synchronized void published(Instant simulatedAt, String topic, byte[] payload) {
        if (failure != null) {
            return;
        }
        try {
            RecordingFormat.write(out, new RecordedMessage(simulatedAt, topic, payload));
            written++;
        } catch (IOException e) {
            failure = e;
        }
    }

    public synchronized long written() {
        return written;
    }

    /** @throws UncheckedIOException when any write failed or the file cannot be closed */
    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            if (failure == null) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("recording incomplete after " + written + " messages", failure);
        }
    }
}
