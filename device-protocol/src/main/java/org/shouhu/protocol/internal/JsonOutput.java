package org.shouhu.protocol.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

import com.fasterxml.jackson.core.JsonGenerator;

import org.shouhu.protocol.DeviceId;

/**
 * Writes compact JSON payloads with the Jackson streaming generator. Decimal fields are written from their wire
 * integers (27.3 from 273000000 at 1e-7), so the JSON and binary forms of a message carry exactly the same values.
 * Stateless and thread-safe.
 */
public final class JsonOutput {

    /** Writes the fields of the top-level object. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private JsonOutput() {
    }

    public static byte[] object(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JsonDocument.factory().createGenerator(out)) {
            json.writeStartObject();
            body.write(json);
            json.writeEndObject();
        } catch (IOException e) {
            // A ByteArrayOutputStream does not fail; this would be a generator bug.
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static void header(JsonGenerator json, String type, DeviceId device, String sequenceField, long sequence)
            throws IOException {
        json.writeNumberField("v", JsonHeader.VERSION);
        json.writeStringField("type", type);
        json.writeStringField("device", device.toString());
        json.writeNumberField(sequenceField, sequence);
    }

    /** A fixed-point number: {@code unscaled} times 10^-scale, without trailing zeros. */
    public static void decimal(JsonGenerator json, String field, long unscaled, int scale) throws IOException {
        json.writeFieldName(field);
        json.writeNumber(BigDecimal.valueOf(unscaled, scale).stripTrailingZeros().toPlainString());
    }

    public static void time(JsonGenerator json, String field, long epochMillis) throws IOException {
        json.writeStringField(field, Times.format(epochMillis));
    }
}
