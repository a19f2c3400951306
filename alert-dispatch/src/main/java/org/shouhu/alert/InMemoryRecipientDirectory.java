package org.shouhu.alert;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.protocol.DeviceId;

/** A {@link RecipientDirectory} held in memory, for tests, demos and small deployments. Thread-safe. */
public final class InMemoryRecipientDirectory implements RecipientDirectory {

    private final Map<DeviceId, DeviceRecipients> byDevice = new ConcurrentHashMap<>();

    /** Registers (or replaces) the child and guardians of a device. */
    public InMemoryRecipientDirectory register(DeviceId device, DeviceRecipients recipients) {
        byDevice.put(Objects.requireNonNull(device, "device"), Objects.requireNonNull(recipients, "recipients"));
        return this;
    }

    @Override
    public Optional<DeviceRecipients> forDevice(DeviceId device) {
        return Optional.ofNullable(byDevice.get(device));
    }
}
