package org.shouhu.server.testing;

import java.time.Instant;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.SosPress;
import org.shouhu.protocol.Topics;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.protocol.UplinkMessage;

/** One wristband speaking the real protocol through the real broker, with full control over what it sends. */
public final class Wristband implements AutoCloseable {

    private final DeviceId device;
    private final MqttClient client;
    private long sequence;

    public Wristband(String brokerUrl, DeviceId device) throws MqttException {
        this.device = device;
        this.client = new MqttClient(brokerUrl, device.toString(), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        client.connect(options);
    }

    public void position(double latitude, double longitude, Instant at) throws MqttException {
        publish(new PositionReport(device, ++sequence, gnss(latitude, longitude, at), 80));
    }

    /** Publishes an SOS at QoS 1; returns once the broker acknowledged it. */
    public Instant sos(double latitude, double longitude) throws MqttException {
        Instant now = Instant.now();
        publish(new SosPress(device, ++sequence, now, gnss(latitude, longitude, now), 64));
        return now;
    }

    /** An SOS pressed indoors before the receiver had a fix. */
    public Instant sosWithoutFix() throws MqttException {
        Instant now = Instant.now();
        publish(new SosPress(device, ++sequence, now, Fix.none(now), 64));
        return now;
    }

    private static Fix gnss(double latitude, double longitude, Instant at) {
        return new Fix(at, latitude, longitude, 12, FixSource.GNSS, 1.2, 90.0);
    }

    private void publish(UplinkMessage message) throws MqttException {
        client.publish(Topics.uplink(device, message.type()), UplinkCodec.encodeBinary(message), 1, false);
    }

    @Override
    public void close() throws MqttException {
        client.disconnect();
        client.close();
    }
}
