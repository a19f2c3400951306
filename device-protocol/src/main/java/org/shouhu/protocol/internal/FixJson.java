package org.shouhu.protocol.internal;

import java.io.IOException;
import java.util.Locale;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;

import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.ProtocolException;

/**
 * JSON form of a fix: {@code {"time":"2026-11-23T08:00:00.000Z","lat":27.3,"lon":105.3,"acc":8,"src":"gnss",
 * "speed":1.2,"heading":90}}, with latitude and longitude in degrees, speed in m/s, heading in degrees. Values are
 * rounded to the binary resolution on reading (1e-7 degree, 1 cm/s, 0.01 degree) and then validated by
 * {@link FixRules}. Stateless and thread-safe.
 */
public final class FixJson {

    static final List<String> FIELDS = List.of("time", "lat", "lon", "acc", "src", "speed", "heading");

    private FixJson() {
    }

    /** Reads the fields of a fix; value ranges are left to {@link FixRules#validate(RawFix)}. */
    public static RawFix read(JsonObject fix) throws ProtocolException {
        fix.allowOnly(FIELDS);
        long time = fix.time("time");
        long latitude = Math.round(fix.number("lat") * 1e7);
        long longitude = Math.round(fix.number("lon") * 1e7);
        long accuracy = fix.integer("acc", Long.MIN_VALUE, Long.MAX_VALUE);
        long source = source(fix);
        long speed = Math.round(fix.number("speed") * 100);
        double headingDegrees = fix.number("heading");
        long heading = Math.round(headingDegrees * 100);
        if (headingDegrees >= 0 && headingDegrees < 360) {
            // 359.996 degrees rounds to 36000 centidegrees, which is north: 0.
            heading %= FixRules.HEADING_LIMIT_CDEG;
        }
        return new RawFix(time, latitude, longitude, accuracy, source, speed, heading, fix.location());
    }

    public static void write(JsonGenerator json, String field, RawFix fix) throws IOException {
        json.writeObjectFieldStart(field);
        JsonOutput.time(json, "time", fix.timeMillis());
        JsonOutput.decimal(json, "lat", fix.latitudeE7(), 7);
        JsonOutput.decimal(json, "lon", fix.longitudeE7(), 7);
        json.writeNumberField("acc", fix.accuracyMetres());
        json.writeStringField("src", FixSource.fromCode((int) fix.sourceCode()).name().toLowerCase(Locale.ROOT));
        JsonOutput.decimal(json, "speed", fix.speedCmps(), 2);
        JsonOutput.decimal(json, "heading", fix.headingCdeg(), 2);
        json.writeEndObject();
    }

    private static long source(JsonObject fix) throws ProtocolException {
        String name = fix.string("src");
        for (FixSource source : FixSource.values()) {
            if (source.name().toLowerCase(Locale.ROOT).equals(name)) {
                return source.code();
            }
        }
        throw fix.invalid("src", "'" + name + "' is not one of none, gnss, cell, wifi");
    }
}
