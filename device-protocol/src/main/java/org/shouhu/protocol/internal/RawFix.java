package org.shouhu.protocol.internal;

import org.shouhu.protocol.Fix;
import org.shouhu.protocol.ProtocolException;

/**
 * A fix as its wire fields, in the binary form's integer units, before validation. Both forms decode into this and
 * share one set of rules ({@link FixRules}), so a JSON fix and a binary fix of the same values decode to equal
 * {@link Fix} objects.
 *
 * @param timeMillis     fix time, epoch milliseconds
 * @param latitudeE7     latitude in 1e-7 degrees
 * @param longitudeE7    longitude in 1e-7 degrees
 * @param accuracyMetres accuracy radius in metres; 0xFFFF is reserved
 * @param sourceCode     {@link org.shouhu.protocol.FixSource} code
 * @param speedCmps      speed in centimetres per second
 * @param headingCdeg    heading in hundredths of a degree
 * @param where          where the fix sits in the payload, for error messages
 */
public record RawFix(long timeMillis, long latitudeE7, long longitudeE7, long accuracyMetres, long sourceCode,
                     long speedCmps, long headingCdeg, FieldLocation where) {

    /** Size of a fix in the binary form. */
    public static final int SIZE = 23;

    static final int TIME = 0;
    static final int LATITUDE = 8;
    static final int LONGITUDE = 12;
    static final int ACCURACY = 16;
    static final int SOURCE = 18;
    static final int SPEED = 19;
    static final int HEADING = 21;

    /** Reads the 23 bytes of a binary fix. */
    public static RawFix read(FrameReader reader, String path) throws ProtocolException {
        reader.require(SIZE, path);
        int start = reader.offset();
        // The 23 bytes are known to be there, so the field reads below cannot fail and need no per-field label.
        return new RawFix(reader.i64(path), reader.i32(path), reader.i32(path), reader.u16(path), reader.u8(path),
                reader.u16(path), reader.u16(path), FieldLocation.binary(path, start));
    }

    /**
     * The wire fields of a valid fix, rounded to the wire resolution (1e-7 degree, 1 cm/s, 0.01 degree; a heading
     * that rounds to 360 degrees is 0).
     *
     * @throws IllegalArgumentException when the fix time is outside the range of epoch milliseconds in a long
     */
    public static RawFix of(Fix fix) {
        return new RawFix(Times.epochMillis(fix.time(), "fix time"), Math.round(fix.latitude() * 1e7), Math.round(fix.longitude() * 1e7),
                fix.accuracyMetres(), fix.source().code(), Math.round(fix.speedMps() * 100),
                Math.round(fix.headingDegrees() * 100) % 36_000, FieldLocation.binary("fix", -1));
    }

    public void write(FrameWriter writer) {
        writer.i64(timeMillis).i32((int) latitudeE7).i32((int) longitudeE7).u16((int) accuracyMetres)
                .u8((int) sourceCode).u16((int) speedCmps).u16((int) headingCdeg);
    }
}
