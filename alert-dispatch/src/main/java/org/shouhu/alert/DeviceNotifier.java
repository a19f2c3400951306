package org.shouhu.alert;

import io.vertx.core.Future;
import org.shouhu.protocol.DeviceId;

/**
 * Sends "help is coming" to a wristband. Implemented by the server with an MQTT downlink
 * ({@link org.shouhu.protocol.SosAcknowledged}). Called on the dispatcher's event loop; must not block. Delivered
 * from the outbox like any other message, so a failed future is retried.
 */
public interface DeviceNotifier {

    /** Tells the device that its SOS press with the given sequence was acknowledged. */
    Future<Void> sosAcknowledged(DeviceId device, long sosSequence);
}
