package org.shouhu.ingest;

import java.util.Objects;
import org.shouhu.protocol.DeviceId;

/**
 * When one SOS passed each stage of ingest's fast path, as {@link System#nanoTime()} readings, so that a latency can
 * be split into its parts (broker to ingest, waiting for the SOS writer, the SQL, the commit, the handler). The
 * handler and the write run side by side from {@code received}, so the readings of one path are in order and those
 * of the two paths are not; the acknowledgement follows both.
 *
 * @param device          the wristband
 * @param sequence        the press's sequence (synthetic and negative for a damaged frame)
 * @param received        the message reached the SOS pipeline on the SOS event loop (just after it was decoded)
 * @param storeStarted    the SOS writer thread began the {@code sos_presses} transaction
 * @param commitStarted   the statements were done and the commit was sent
 * @param committed       the commit returned: the row is durable
 * @param handlerStarted  the {@link SosHandler} was called
 * @param handlerDone     the handler's future succeeded (for the server: the alert was raised)
 * @param acknowledged    the PUBACK was handed to the SOS connection
 */
public record SosTimings(DeviceId device, long sequence, long received, long storeStarted, long commitStarted,
                         long committed, long handlerStarted, long handlerDone, long acknowledged) {

    public SosTimings {
        Objects.requireNonNull(device, "device");
    }
}
