package org.shouhu.ingest.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.shouhu.ingest.SosPosition;
import org.shouhu.ingest.SosReceived;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.SosPress;

/** An SOS on its way to the alert side: either a decoded press or a damaged frame on a device's SOS topic. */
public sealed interface SosCandidate {

    InboundMessage message();

    /**
     * What is known before the database is consulted: the reported position if the press has one, no position
     * otherwise.
     */
    SosReceived initial(Duration lateThreshold);

    /** A press that decoded. */
    record Valid(InboundMessage message, SosPress press) implements SosCandidate {
        public Valid {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(press, "press");
        }

        @Override
        public SosReceived initial(Duration lateThreshold) {
            Instant received = message.receivedAt();
            Duration pressAge = nonNegative(Duration.between(press.pressedAt(), received));
            Fix fix = press.fix();
            Optional<SosPosition> position = fix.hasPosition()
                    ? Optional.of(new SosPosition(fix.latitude(), fix.longitude(), fix.accuracyMetres(), fix.time(),
                    fix.source(), false, nonNegative(Duration.between(fix.time(), received))))
                    : Optional.empty();
            return new SosReceived(press.deviceId(), press.sequence(), press.pressedAt(), received, fix, position,
                    pressAge, pressAge.compareTo(lateThreshold) > 0, OptionalInt.of(press.batteryPercent()),
                    Optional.empty());
        }
    }

    /**
     * A frame on {@code shouhu/v1/{imei}/up/sos} that could not be accepted. Its sequence is unknown; it gets a
     * synthetic negative one derived from topic and bytes, so a redelivery of the same frame maps to the same SOS.
     */
    record Corrupt(InboundMessage message, DeviceId device, ProtocolException problem) implements SosCandidate {
        public Corrupt {
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public SosReceived initial(Duration lateThreshold) {
            Instant received = message.receivedAt();
            return new SosReceived(device, syntheticSequence(message), received, received, Fix.none(received),
                    Optional.empty(), Duration.ZERO, false, OptionalInt.empty(), Optional.of(problem.reason()));
        }
    }

    /** A negative number from the SHA-256 of topic and payload: never a real sequence, stable for the same frame. */
    static long syntheticSequence(InboundMessage message) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(message.topic().getBytes(StandardCharsets.UTF_8));
            digest.update(message.payload());
            long bits = ByteBuffer.wrap(digest.digest()).getLong() & 0x3FFF_FFFF_FFFF_FFFFL;
            return -1 - bits;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
