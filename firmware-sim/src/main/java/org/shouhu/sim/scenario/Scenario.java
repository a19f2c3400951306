package org.shouhu.sim.scenario;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.model.ScheduledIntervention;
import org.shouhu.sim.region.DeviceAssignment;
import org.shouhu.sim.region.RegionPlan;

/**
 * A parsed scenario file (format in {@code docs/simulator.md}): optional run settings and a script of events.
 * Deterministic: with the same seed the same scenario gives the same messages. Immutable.
 */
public record Scenario(OptionalLong seed, OptionalInt devices, Optional<Instant> start, Optional<Duration> interval,
                       Optional<Duration> duration, List<ScenarioEvent> events) {

    public Scenario {
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(duration, "duration");
        events = List.copyOf(events);
    }

    /**
     * The events as interventions per device, for a run starting at {@code start} over {@code plan}.
     *
     * @throws ScenarioException when an event names a device the plan does not have, or happens before the start
     */
    public Map<DeviceId, List<ScheduledIntervention>> schedule(Instant start, RegionPlan plan) throws ScenarioException {
        Map<DeviceId, List<ScheduledIntervention>> out = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (ScenarioEvent event : events) {
            Optional<DeviceAssignment> child = event.device().resolve(plan);
            Instant at = event.when().resolve(start);
            if (child.isEmpty()) {
                problems.add("line " + event.line() + ": " + event.device() + " is not among the "
                        + plan.devices().size() + " simulated devices");
            } else if (at.isBefore(start)) {
                problems.add("line " + event.line() + ": " + at + " is before the start of the run (" + start + ")");
            } else {
                out.computeIfAbsent(child.get().deviceId(), id -> new ArrayList<>())
                        .add(new ScheduledIntervention(at, event.intervention()));
            }
        }
        if (!problems.isEmpty()) {
            throw new ScenarioException("scenario", problems);
        }
        return out;
    }
}
