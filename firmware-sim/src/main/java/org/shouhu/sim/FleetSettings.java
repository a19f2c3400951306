package org.shouhu.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.model.ScheduledIntervention;

/**
 * Everything a {@link SimulatedFleet} needs. Build with {@link #builder(String, List)}.
 *
 * @param brokerUrl      {@code tcp://host:port} of the MQTT broker
 * @param devices        the wristbands, with distinct ids
 * @param seed           the behaviour seed: same seed, same devices, same start and same clock readings give the
 *                       same messages
 * @param clock          simulated time (the system clock, an {@link AcceleratedClock}, or a test clock)
 * @param tick           how often, in real time, the fleet steps its devices to the clock's now (default 100 ms)
 * @param interventions  scripted events per device (from a scenario); devices without any follow their routine
 * @param listener       told about every published message (a recorder), or {@link #NO_LISTENER}
 */
public record FleetSettings(String brokerUrl, List<SimulatedDevice> devices, long seed, Clock clock, Duration tick,
                            Map<DeviceId, List<ScheduledIntervention>> interventions, PublishListener listener) {

    public static final PublishListener NO_LISTENER = (at, topic, payload) -> { };

    public FleetSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tick, "tick");
        Objects.requireNonNull(listener, "listener");
        devices = List.copyOf(devices);
        interventions = Map.copyOf(interventions);
        if (tick.toMillis() < 1 || tick.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("tick must be 1 ms..1 min: " + tick);
        }
        Set<DeviceId> ids = new HashSet<>();
        for (SimulatedDevice device : devices) {
            if (!ids.add(device.id())) {
                throw new IllegalArgumentException("device " + device.id() + " appears twice in the fleet");
            }
        }
        for (DeviceId id : interventions.keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("interventions name device " + id + ", which is not in the fleet");
            }
        }
    }

    public static Builder builder(String brokerUrl, List<SimulatedDevice> devices) {
        return new Builder(brokerUrl, devices);
    }

    /** Builder with defaults: seed 1, system UTC clock, 100 ms tick, no interventions, no listener. */
    public static final class Builder {
        private final String brokerUrl;
        private final List<SimulatedDevice> devices;
        private long seed = 1;
        private Clock clock = Clock.systemUTC();
        private Duration tick = Duration.ofMillis(100);
        private final Map<DeviceId, List<ScheduledIntervention>> interventions = new HashMap<>();
        private PublishListener listener = NO_LISTENER;

        private Builder(String brokerUrl, List<SimulatedDevice> devices) {
            this.brokerUrl = brokerUrl;
            this.devices = devices;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder tick(Duration value) {
            this.tick = value;
            return this;
        }

        public Builder interventions(Map<DeviceId, List<ScheduledIntervention>> value) {
            this.interventions.putAll(value);
            return this;
        }

        public Builder listener(PublishListener value) {
            this.listener = value;
            return this;
        }

        public FleetSettings build() {
            return new FleetSettings(brokerUrl, devices, seed, clock, tick, interventions, listener);
        }
    }
}
