package org.shouhu.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * Whatever the bytes, decoding either returns a message that satisfies {@link FixInvariants} or throws
 * {@link ProtocolException}; nothing else escapes. Inputs are random bytes and random mutations of valid frames in
 * both forms, half of the binary ones with their checksum repaired so that field validation is reached. Seeds are
 * fixed so a failure reproduces.
 */
class FuzzTest {

    private static final int ROUNDS = 20_000;
    private static final int JSON_ROUNDS = 10_000;
    private static final byte[] JSON_ALPHABET = "{}[]\",:.-+eE0123456789 truefalsn\\u".getBytes(StandardCharsets.US_ASCII);

    private final Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    private int accepted;

    @Test
    void random_bytes_only_ever_give_protocol_exceptions() {
        Random random = new Random(11);
        String topic = Examples.topic(Examples.POSITION);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] payload = new byte[random.nextInt(120)];
            random.nextBytes(payload);
            if (payload.length > 0 && random.nextBoolean()) {
                payload[0] = random.nextBoolean() ? (byte) 1 : (byte) '{';
            }
            decodeUplink(topic, payload);
            decodeDownlink(Examples.topic(Examples.INTERVAL), payload);
        }
        assertThat(reasons).contains(Reason.EMPTY, Reason.UNSUPPORTED_VERSION, Reason.UNKNOWN_TYPE,
                Reason.MALFORMED_JSON);
    }

    @Test
    void mutated_binary_frames_only_ever_give_protocol_exceptions_or_valid_messages() {
        Random random = new Random(12);
        RandomMessages messages = new RandomMessages(13, 40);
        for (int i = 0; i < ROUNDS; i++) {
            UplinkMessage original = messages.uplink();
            byte[] payload = mutate(UplinkCodec.encodeBinary(original), random, null);
            if (payload.length >= 2 && random.nextBoolean()) {
                payload = Frames.withValidCrc(payload);
            }
            decodeUplink(Examples.topic(original), payload);
            DownlinkCommand command = messages.downlink();
            byte[] downlink = mutate(DownlinkCodec.encodeBinary(command), random, null);
            decodeDownlink(Examples.topic(command), downlink.length >= 2 ? Frames.withValidCrc(downlink) : downlink);
        }
        assertThat(accepted).as("some mutated frames are still valid").isPositive();
        assertThat(reasons).contains(Reason.TRUNCATED, Reason.TRAILING_BYTES, Reason.BAD_CHECKSUM,
                Reason.INVALID_FIELD, Reason.COORDINATE_OUT_OF_RANGE, Reason.TIME_IN_FUTURE, Reason.UNKNOWN_TYPE);
    }

    @Test
    void mutated_json_payloads_only_ever_give_protocol_exceptions_or_valid_messages() {
        Random random = new Random(14);
        RandomMessages messages = new RandomMessages(15, 20);
        for (int i = 0; i < JSON_ROUNDS; i++) {
            UplinkMessage original = messages.uplink();
            decodeUplink(Examples.topic(original), mutate(UplinkCodec.encodeJson(original), random, JSON_ALPHABET));
            DownlinkCommand command = messages.downlink();
            decodeDownlink(Examples.topic(command), mutate(DownlinkCodec.encodeJson(command), random, JSON_ALPHABET));
        }
        assertThat(accepted).as("some mutated payloads are still valid").isPositive();
        assertThat(reasons).contains(Reason.MALFORMED_JSON, Reason.MISSING_FIELD, Reason.INVALID_FIELD);
    }

    private void decodeUplink(String topic, byte[] payload) {
        UplinkMessage[] decoded = new UplinkMessage[1];
        Throwable thrown = catchThrowable(() -> decoded[0] = Examples.CODEC.decode(topic, payload));
        record(thrown, payload);
        if (thrown == null) {
            FixInvariants.check(decoded[0]);
        }
    }

    private void decodeDownlink(String topic, byte[] payload) {
        record(catchThrowable(() -> DownlinkCodec.decode(topic, payload)), payload);
    }

    private void record(Throwable thrown, byte[] payload) {
        if (thrown == null) {
            accepted++;
            return;
        }
        if (thrown instanceof ProtocolException rejection) {
            reasons.add(rejection.reason());
        } else {
            assertThat(thrown).as("decoding " + Hex.of(payload)).isInstanceOf(ProtocolException.class);
        }
    }

    /** One to three random edits: flip a bit, set a byte, delete, insert, truncate or duplicate a run. */
    private static byte[] mutate(byte[] input, Random random, byte[] alphabet) {
        byte[] bytes = input;
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            byte value = alphabet == null ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            switch (random.nextInt(6)) {
                case 0 -> bytes[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> bytes[at] = value;
                case 2 -> bytes = splice(bytes, at, 1, new byte[0]);
                case 3 -> bytes = splice(bytes, at, 0, new byte[] {value});
                case 4 -> bytes = Arrays.copyOf(bytes, at);
                default -> bytes = splice(bytes, at, 0,
                        Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + 1 + random.nextInt(8))));
            }
        }
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        byte[] out = new byte[bytes.length - remove + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at + remove, out, at + insert.length, bytes.length - at - remove);
        return out;
    }
}
