package org.shouhu.alert;

import java.util.Optional;

/**
 * Who a device belongs to and whom to tell. Implemented by the server over its registry. Called on a worker
 * thread (never the event loop), so implementations may block briefly; they must be thread-safe.
 */
public interface RecipientDirectory {

    /** The child and guardians of a device, empty for a device not registered to any child. */
    Optional<DeviceRecipients> forDevice(org.shouhu.protocol.DeviceId device);

    /** A directory with nobody in it; an SOS from any device then goes to the police only. */
    static RecipientDirectory empty() {
        return device -> Optional.empty();
    }
}
