package org.shouhu.alert;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.shouhu.protocol.DeviceId;

/** The identity of one alert, stable for its whole life and across every message sent about it. */
public record AlertId(UUID value) {

    public AlertId {
        Objects.requireNonNull(value, "value");
    }

    public static AlertId random() {
        return new AlertId(UUID.randomUUID());
    }

    /**
     * The id of the SOS alert a press opens: a name-based UUID of (device, sequence), the same on every run. The
     * police's POST starts before the raise commits, so a raise that fails and is raised again (ingest retries until
     * the alert is committed; the broker redelivers an unacknowledged press after a crash) must name the same alert,
     * and with it the same CAP identifier and idempotency keys, as the attempt the receiver may already have seen.
     */
    public static AlertId forSos(DeviceId device, long sequence) {
        Objects.requireNonNull(device, "device");
        return new AlertId(UUID.nameUUIDFromBytes(("shouhu-sos:" + device.imei() + ":" + sequence)
                .getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Parses the canonical UUID text form.
     *
     * @throws IllegalArgumentException when the text is not a UUID
     */
    public static AlertId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("alert id must be a 36-character UUID: " + text);
        }
        return new AlertId(UUID.fromString(text));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
