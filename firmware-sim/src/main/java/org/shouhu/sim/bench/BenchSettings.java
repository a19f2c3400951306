package org.shouhu.sim.bench;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.shouhu.sim.SimulatedDevice;

/**
 * The publishers of a bench run.
 *
 * @param brokerUrl       {@code tcp://host:port}
 * @param devices         the bands, one connection each, distinct ids
 * @param sourceAddresses local addresses to spread connections over (about 28,000 ephemeral ports each towards one
 *                        broker port); empty for the system's choice
 * @param eventLoops      event-loop threads, 1..64
 */
public record BenchSettings(String brokerUrl, List<SimulatedDevice> devices, List<String> sourceAddresses,
                            int eventLoops) {

    public BenchSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        devices = List.copyOf(devices);
        sourceAddresses = List.copyOf(sourceAddresses);
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("a bench needs at least one band");
        }
        if (eventLoops < 1 || eventLoops > 64) {
            throw new IllegalArgumentException("event loops must be 1..64: " + eventLoops);
        }
        uri(brokerUrl);
    }

    public String host() {
        return uri(brokerUrl).getHost();
    }

    public int port() {
        int port = uri(brokerUrl).getPort();
        return port < 0 ? 1883 : port;
    }

    private static URI uri(String url) {
        try {
            URI uri = URI.create(url);
            if ("tcp".equals(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("broker URL must be tcp://host:port: " + url);
    }
}
