package org.shouhu.sim.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.PositionBatch;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SetReportingInterval;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.StatusReport;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.sim.internal.Seeds;

/**
 * One simulated wristband: the pure core of the simulator. Given a profile, a seed, a start instant and a script of
 * interventions, {@link #advanceTo} answers "what does this band publish up to instant t", identically however the
 * time is sliced: the same inputs give the same messages whether the band is stepped once for a day or every 100 ms.
 * <p>
 * Behaviour: reports every {@code reportingInterval} while moving, five times less often while still (at most hourly),
 * every 10 s for 10 minutes after an SOS; a status report every hour and whenever worn/charging/low-battery changes;
 * no messages while the battery is empty; while out of coverage (deep valleys, scripted outages) fixes are held and,
 * on reconnect, held SOS presses go first, then the live report, then the held positions as late
 * {@link PositionBatch}es, then held status reports. Times the device stamps itself (cell fixes, SOS presses,
 * status) carry a per-device clock skew.
 * <p>
 * Not thread-safe: one thread (or a caller holding a lock) steps a simulation.
 */
public final class DeviceSimulation {

    static final Duration SOS_FAST_INTERVAL = Duration.ofSeconds(10);
    static final Duration SOS_FAST_WINDOW = Duration.ofMinutes(10);
    static final Duration STATUS_INTERVAL = Duration.ofHours(1);
    private static final long FIX_STREAM = 0x464958L;
    private static final long DEVICE_STREAM = 0x444556L;
    private static final long CHARGE_STREAM = 0x434847L;

    private final DeviceProfile profile;
    private final long seed;
    private final Movement movement;
    private final Battery battery;
    private final Duration clockSkew;
    private final UploadBuffer buffer = new UploadBuffer();
    private final PriorityQueue<ScheduledIntervention> script =
            new PriorityQueue<>(Comparator.comparing(ScheduledIntervention::at));
    private final List<Window> outages = new ArrayList<>();
    /** When the band's connection to the broker dropped, while it is down; null while it is up. */
    private Instant linkLostAt;
    private final StatusTracker status = new StatusTracker();
    private Duration reportingInterval;
    private long nextSequence;
    private Instant steppedTo;
    private Instant nextReportAt;
    private Instant nextStatusAt;
    private Instant sosFastUntil = Instant.MIN;
    private boolean wasMoving;

    public DeviceSimulation(DeviceProfile profile, long seed, Instant start, List<ScheduledIntervention> interventions) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.seed = seed;
        this.steppedTo = Objects.requireNonNull(start, "start");
        this.movement = new Movement(profile, seed);
        this.reportingInterval = profile.reportingInterval();
        SplittableRandom random = Seeds.stream(seed, profile.deviceId().imei(), DEVICE_STREAM);
        this.battery = new Battery(55 + random.nextDouble() * 45, start,
                date -> Seeds.stream(seed, profile.deviceId().imei(), date.toEpochDay(), CHARGE_STREAM).nextDouble() < 0.8);
        this.clockSkew = drawSkew(random);
        // Spread first reports over one interval so a fleet does not publish in lockstep.
        this.nextReportAt = start.plusMillis(random.nextLong(0, reportingInterval.toMillis()));
        this.nextStatusAt = nextReportAt;
        // Sequences continue from the start time, so a restarted fleet does not repeat the previous run's numbers.
        this.nextSequence = (start.getEpochSecond() / 10) & 0xFFFF_FFFFL;
        script.addAll(interventions);
    }

    public DeviceProfile profile() {
        return profile;
    }

    /** The skew of this band's own clock (zero for most bands). */
    public Duration clockSkew() {
        return clockSkew;
    }

    /** Position reports dropped because the offline buffer was full. */
    public long droppedPositions() {
        return buffer.droppedPositions();
    }

    /**
     * The next instant at which the band has something to do (report, status, scripted event); stepping to any
     * earlier instant emits nothing. Lets a large fleet step only the bands that are due.
     */
    public Instant nextEventAt() {
        Instant scripted = script.isEmpty() ? Instant.MAX : script.peek().at();
        return min(scripted, min(nextReportAt, nextStatusAt));
    }

    /** Everything the band sends after the last step up to and including {@code t}, in sending order. */
    public List<Emission> advanceTo(Instant t) {
        List<Emission> out = new ArrayList<>();
        while (true) {
            Instant scripted = script.isEmpty() ? Instant.MAX : script.peek().at();
            Instant next = min(scripted, min(nextReportAt, nextStatusAt));
            if (next.isAfter(t)) {
                break;
            }
            if (next.equals(scripted)) {
                apply(script.poll(), out);
            } else if (next.equals(nextReportAt)) {
                report(next, out);
            } else {
                hourlyStatus(next, out);
            }
        }
        if (t.isAfter(steppedTo)) {
            steppedTo = t;
        }
        return out;
    }

    /**
     * The child presses SOS at {@code t} (not before the last step) and the press is sent at once, whatever the
     * coverage: this is the operator's or the demo's button. Scripted presses ({@link Intervention.PressSos}) instead
     * respect coverage and are held until reconnect. Either way the band then reports every 10 s for 10 minutes.
     * Callers step the band to {@code t} with {@link #advanceTo} first, so that sequences follow time.
     */
    public SosPress pressSos(Instant t, boolean withFix) {
        requireNotBefore(t);
        return sos(t, withFix);
    }

    /** A position report taken now at the platform's request ({@code LocateNow}), sent at once; step to t first. */
    public PositionReport locateNow(Instant t) {
        requireNotBefore(t);
        Whereabouts truth = movement.at(t);
        battery.advanceTo(t, truth.moving());
        return new PositionReport(profile.deviceId(), sequence(), fixAt(truth, t), battery.percent());
    }

    /**
     * The band's connection to the broker dropped at {@code t}: from then on it behaves as in a coverage gap (it keeps
     * taking fixes into its offline buffer) until {@link #linkRestored}. Idempotent while the link is down.
     */
    public void linkLost(Instant t) {
        if (linkLostAt == null) {
            linkLostAt = t.isBefore(steppedTo) ? steppedTo : t;
        }
    }

    /**
     * The connection is back at {@code t}: the gap becomes an outage of the past, and if the band holds anything it
     * reports at {@code t}, so that what it held goes out on reconnect in the order of a return to coverage (held SOS
     * presses, the live report, the held positions as late batches, held status reports).
     */
    public void linkRestored(Instant t) {
        if (linkLostAt == null) {
            return;
        }
        Instant at = t.isBefore(steppedTo) ? steppedTo : t;
        outages.add(new Window(linkLostAt, at));
        linkLostAt = null;
        if (!buffer.isEmpty() && nextReportAt.isAfter(at)) {
            nextReportAt = at;
        }
    }

    /** Applies a {@code SetReportingInterval} command from the platform. */
    public void setReportingInterval(Duration interval) {
        new SetReportingInterval(profile.deviceId(), 0, interval); // validates the range
        this.reportingInterval = interval;
    }

    private void apply(ScheduledIntervention scheduled, List<Emission> out) {
        Instant t = scheduled.at();
        Intervention what = scheduled.intervention();
        if (what instanceof Intervention.PressSos press) {
            SosPress sos = sos(t, press.withFix());
            if (online(t, movement.at(t))) {
                out.add(new Emission(t, sos));
            } else {
                buffer.holdUrgent(sos);
            }
        } else if (what instanceof Intervention.WalkTo walk) {
            movement.excursion(t, walk.target(), walk.stay());
        } else if (what instanceof Intervention.EnterDangerSpot enter) {
            movement.excursion(t, movement.dangerSpot(), enter.stay());
        } else if (what instanceof Intervention.RemoveBand remove) {
            movement.removeBand(t, remove.duration());
        } else if (what instanceof Intervention.GoOffline offline) {
            outages.add(new Window(t, t.plus(offline.duration())));
        }
        if (what instanceof Intervention.PressSos && nextReportAt.isAfter(t.plus(SOS_FAST_INTERVAL))) {
            nextReportAt = t.plus(SOS_FAST_INTERVAL);
        }
    }

    private SosPress sos(Instant t, boolean withFix) {
        Whereabouts truth = movement.at(t);
        battery.advanceTo(t, truth.moving());
        Fix fix = withFix ? fixAt(truth, t) : Fix.none(t.plus(clockSkew));
        sosFastUntil = t.plus(SOS_FAST_WINDOW);
        return new SosPress(profile.deviceId(), sequence(), t.plus(clockSkew), fix, battery.percent());
    }

    private void report(Instant t, List<Emission> out) {
        Whereabouts truth = movement.at(t);
        battery.advanceTo(t, wasMoving);
        wasMoving = truth.moving();
        nextReportAt = t.plus(intervalAfter(t, truth));
        if (battery.empty()) {
            return;
        }
        PositionReport live = new PositionReport(profile.deviceId(), sequence(), fixAt(truth, t), battery.percent());
        StatusReport change = status.changed(movement.worn(t), battery.charging(t), battery.percent())
                ? statusAt(t) : null;
        if (!online(t, truth)) {
            buffer.holdPosition(live);
            if (change != null) {
                buffer.holdDeferred(change);
            }
            return;
        }
        buffer.drainUrgent().forEach(m -> out.add(new Emission(t, m)));
        out.add(new Emission(t, live));
        for (List<PositionReport> chunk : buffer.drainPositions(PositionBatch.MAX_POSITIONS)) {
            out.add(new Emission(t, new PositionBatch(profile.deviceId(), sequence(), chunk)));
        }
        buffer.drainDeferred().forEach(m -> out.add(new Emission(t, m)));
        if (change != null) {
            out.add(new Emission(t, change));
        }
    }

    private void hourlyStatus(Instant t, List<Emission> out) {
        nextStatusAt = t.plus(STATUS_INTERVAL);
        Whereabouts truth = movement.at(t);
        battery.advanceTo(t, wasMoving);
        if (battery.empty()) {
            return;
        }
        status.changed(movement.worn(t), battery.charging(t), battery.percent());
        StatusReport report = statusAt(t);
        if (online(t, truth)) {
            out.add(new Emission(t, report));
        } else {
            buffer.holdDeferred(report);
        }
    }

    private StatusReport statusAt(Instant t) {
        return new StatusReport(profile.deviceId(), sequence(), t.plus(clockSkew), battery.percent(),
                movement.worn(t), battery.charging(t));
    }

    private Duration intervalAfter(Instant t, Whereabouts truth) {
        if (t.isBefore(sosFastUntil)) {
            return SOS_FAST_INTERVAL;
        }
        if (truth.moving()) {
            return reportingInterval;
        }
        Duration still = reportingInterval.multipliedBy(5);
        return still.compareTo(SetReportingInterval.MAX) > 0 ? SetReportingInterval.MAX : still;
    }

    private boolean online(Instant t, Whereabouts truth) {
        if (linkLostAt != null && !t.isBefore(linkLostAt)) {
            return false;
        }
        for (Window outage : outages) {
            if (outage.covers(t)) {
                return false;
            }
        }
        return Terrain.hasCoverage(truth.position());
    }

    private Fix fixAt(Whereabouts truth, Instant t) {
        return FixModel.fix(truth, t, clockSkew, Seeds.stream(seed, profile.deviceId().imei(), t.toEpochMilli(), FIX_STREAM));
    }

    private long sequence() {
        long value = nextSequence;
        nextSequence = (nextSequence + 1) & 0xFFFF_FFFFL;
        return value;
    }

    private void requireNotBefore(Instant t) {
        if (t.isBefore(steppedTo)) {
            throw new IllegalArgumentException("cannot act at " + t + ": the band was already stepped to " + steppedTo);
        }
    }

    /** Most bands keep good time; some drift by seconds, a few are minutes off (never synchronised since a reset). */
    private static Duration drawSkew(SplittableRandom random) {
        double roll = random.nextDouble();
        if (roll < 0.85) {
            return Duration.ZERO;
        }
        if (roll < 0.95) {
            return Duration.ofMillis(random.nextLong(-30_000, 30_001));
        }
        // Mostly behind: a clock far ahead gets stamps rejected as "in the future", which the platform must survive, but rarely.
        return Duration.ofSeconds(random.nextLong(-900, 121));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
