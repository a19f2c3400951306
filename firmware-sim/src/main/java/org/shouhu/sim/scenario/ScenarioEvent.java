package org.shouhu.sim.scenario;

import java.util.Objects;
import org.shouhu.sim.model.Intervention;

/** One line of a scenario's script: at a time, to a device, an intervention. {@code line} is for error messages. */
public record ScenarioEvent(int line, TimeSpec when, DeviceRef device, Intervention intervention) {

    public ScenarioEvent {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(intervention, "intervention");
    }
}
