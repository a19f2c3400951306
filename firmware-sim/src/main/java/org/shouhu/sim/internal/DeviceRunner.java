package org.shouhu.sim.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkMessage;
import org.shouhu.sim.BrokerException;
import org.shouhu.sim.PayloadForm;
import org.shouhu.sim.PublishListener;
import org.shouhu.sim.model.DeviceSimulation;
import org.shouhu.sim.model.Emission;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds one device's behaviour model to its MQTT connection: steps the model, encodes what it emits in the device's
 * payload form and publishes it on the device's uplink topics. Thread-safe: stepping and button presses are
 * serialised per device, so sequence numbers go out in order.
 */
public final class DeviceRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRunner.class);

    private final DeviceSimulation simulation;
    private final DeviceConnection connection;
    private final PayloadForm form;
    private final PublishListener listener;

    public DeviceRunner(DeviceSimulation simulation, DeviceConnection connection, PayloadForm form,
                        PublishListener listener) {
        this.simulation = Objects.requireNonNull(simulation, "simulation");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.form = Objects.requireNonNull(form, "form");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public DeviceId device() {
        return connection.device();
    }

    public DeviceConnection connection() {
        return connection;
    }

    /** Publishes everything the band emits up to {@code now}. Failures are counted and logged, not thrown. */
    public synchronized void stepTo(Instant now) {
        List<Emission> emissions = simulation.advanceTo(now);
        for (Emission emission : emissions) {
            try {
                publish(emission.at(), emission.message());
            } catch (BrokerException e) {
                LOG.warn("{}", e.getMessage());
            }
        }
    }

    /**
     * Presses SOS at {@code now}, publishes it and waits for the broker's acknowledgement.
     *
     * @throws BrokerException when the broker did not acknowledge within {@code timeout}
     */
    public SosPress pressSos(Instant now, boolean withFix, Duration timeout) {
        SosPress press;
        IMqttDeliveryToken token;
        synchronized (this) {
            stepTo(now);
            press = simulation.pressSos(now, withFix);
            token = publish(now, press);
        }
        // Waiting outside the lock: the fleet's ticker keeps stepping this band meanwhile.
        connection.awaitAcknowledgement(token, timeout);
        return press;
    }

    /** Answers a LocateNow command with a fresh position report. */
    public synchronized void locateNow(Instant now) {
        stepTo(now);
        try {
            publish(now, simulation.locateNow(now));
        } catch (BrokerException e) {
            LOG.warn("{}", e.getMessage());
        }
    }

    public synchronized void setReportingInterval(Duration interval) {
        simulation.setReportingInterval(interval);
    }

    private IMqttDeliveryToken publish(Instant at, UplinkMessage message) {
        String topic = Topics.uplink(message.deviceId(), message.type());
        byte[] payload = form.encode(message);
        listener.published(at, topic, payload);
        return connection.publish(topic, payload);
    }
}
