package org.shouhu.geofence;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.shouhu.protocol.DeviceId;

/**
 * A geofence: an area with a purpose, serving one child, several, or everyone in its area. Immutable and
 * thread-safe. The polygonal {@link #area()} is computed once from the {@link #shape()} at construction.
 *
 * <p>Equality is by value of the defining fields (not the derived area).
 */
public final class Zone {

    /** The time zone schedules are read in unless a zone says otherwise. */
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Shanghai");

    private final String id;
    private final String name;
    private final ZoneKind kind;
    private final DangerKind dangerKind;
    private final Set<DeviceId> children;
    /** The children's IMEIs, sorted: {@link #serves} runs for every zone near every fix, and reads only this array. */
    private final long[] childImeis;
    private final ZoneShape shape;
    private final ZoneId timeZone;
    private final Geometry area;

    /**
     * @param id         unique, 1..64 characters of letters, digits, {@code - _ . :}
     * @param name       display name (may be empty)
     * @param kind       what the zone is for
     * @param dangerKind required for {@link ZoneKind#DANGER}, must be null for other kinds
     * @param children   the devices this zone serves; empty means every device in the area
     * @param shape      the drawn shape, WGS-84
     * @param timeZone   the time zone its schedules are read in
     */
    public Zone(String id, String name, ZoneKind kind, DangerKind dangerKind, Set<DeviceId> children,
                ZoneShape shape, ZoneId timeZone) {
        this.id = requireId(id);
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        if ((kind == ZoneKind.DANGER) != (dangerKind != null)) {
            throw new IllegalArgumentException("zone " + id + ": a dangerKind is required for danger zones and only for them");
        }
        this.dangerKind = dangerKind;
        this.children = Set.copyOf(children);
        this.childImeis = this.children.stream().mapToLong(DeviceId::imei).sorted().toArray();
        this.shape = Objects.requireNonNull(shape, "shape");
        this.timeZone = Objects.requireNonNull(timeZone, "timeZone");
        this.area = shape.toArea();
        if (area.isEmpty()) {
            throw new IllegalArgumentException("zone " + id + " has an empty area");
        }
    }

    /** Validates a zone or rule identifier. */
    static String requireId(String id) {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[A-Za-z0-9_.:\\-]{1,64}")) {
            throw new IllegalArgumentException("id must be 1..64 letters, digits or - _ . : , is '" + id + "'");
        }
        return id;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ZoneKind kind() {
        return kind;
    }

    /** The danger kind, or null unless {@link #kind()} is DANGER. */
    public DangerKind dangerKind() {
        return dangerKind;
    }

    /** The devices served; empty means every device. */
    public Set<DeviceId> children() {
        return children;
    }

    public ZoneShape shape() {
        return shape;
    }

    public ZoneId timeZone() {
        return timeZone;
    }

    /** The polygonal area in WGS-84 that fixes are tested against. */
    public Geometry area() {
        return area;
    }

    /** Whether this zone applies to the device: it names the device, or names nobody and so serves everyone. */
    public boolean serves(DeviceId device) {
        return childImeis.length == 0 || java.util.Arrays.binarySearch(childImeis, device.imei()) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Zone z && id.equals(z.id) && name.equals(z.name) && kind == z.kind
                && dangerKind == z.dangerKind && children.equals(z.children) && shape.equals(z.shape)
                && timeZone.equals(z.timeZone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, kind, shape);
    }

    @Override
    public String toString() {
        return "Zone[" + id + ", " + kind + (dangerKind == null ? "" : "/" + dangerKind) + ", " + name + "]";
    }
}
