package org.shouhu.alert.internal;

import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.DeliveryChannel;
import org.shouhu.alert.DeliveryOutcome;
import org.shouhu.alert.DeviceNotifier;
import org.shouhu.alert.OutboundMessage;
import org.shouhu.protocol.DeviceId;

/** Tells the wristband "help is coming" through the server's {@link DeviceNotifier}. Thread-safe. */
public final class DeviceChannel implements DeliveryChannel {

    private final DeviceNotifier notifier;

    public DeviceChannel(DeviceNotifier notifier) {
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.DEVICE;
    }

    @Override
    public Future<DeliveryOutcome> deliver(OutboundMessage message) {
        DeviceId device;
        long sequence;
        try {
            JsonObject body = new JsonObject(message.body());
            device = DeviceId.parse(body.getString("device"));
            sequence = body.getLong("sosSequence");
        } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            return Future.succeededFuture(new DeliveryOutcome.Permanent("unreadable device command: " + e));
        }
        try {
            return notifier.sosAcknowledged(device, sequence)
                    .<DeliveryOutcome>map(ignored -> new DeliveryOutcome.Delivered("downlink published"))
                    .recover(failure -> Future.succeededFuture(new DeliveryOutcome.Retriable(
                            "downlink failed: " + failure.getMessage())));
        } catch (RuntimeException e) {
            return Future.succeededFuture(new DeliveryOutcome.Retriable("downlink failed: " + e));
        }
    }
}
