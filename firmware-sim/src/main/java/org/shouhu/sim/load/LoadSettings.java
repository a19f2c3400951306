package org.shouhu.sim.load;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.shouhu.sim.SimulatedDevice;

/**
 * What a {@link LoadFleet} needs.
 *
 * @param brokerUrl          {@code tcp://host:port}
 * @param devices            the bands, distinct ids
 * @param seed               the behaviour seed
 * @param clock              simulated time
 * @param sourceAddresses    local addresses to spread connections over, round-robin (one source address has only
 *                           about 28,000 ephemeral ports towards one broker port); empty for the system's choice
 * @param connectsPerSecond  connection ramp, 1..100000
 * @param eventLoops         event-loop threads, one shard of bands each (2 on a 2-core machine)
 * @param tick               how often due bands are stepped
 */
public record LoadSettings(String brokerUrl, List<SimulatedDevice> devices, long seed, Clock clock,
                           List<String> sourceAddresses, int connectsPerSecond, int eventLoops, Duration tick) {

    public LoadSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tick, "tick");
        devices = List.copyOf(devices);
        sourceAddresses = List.copyOf(sourceAddresses);
        host(brokerUrl);
        if (connectsPerSecond < 1 || connectsPerSecond > 100_000) {
            throw new IllegalArgumentException("connects per second must be 1..100000: " + connectsPerSecond);
        }
        if (eventLoops < 1 || eventLoops > 64) {
            throw new IllegalArgumentException("event loops must be 1..64: " + eventLoops);
        }
        if (tick.toMillis() < 1) {
            throw new IllegalArgumentException("tick must be at least 1 ms: " + tick);
        }
    }

    String host() {
        return host(brokerUrl);
    }

    int port() {
        int port = URI.create(brokerUrl).getPort();
        return port < 0 ? 1883 : port;
    }

    private static String host(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker URL must be tcp://host:port: " + url);
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL must be tcp://host:port: " + url);
        }
        return uri.getHost();
    }
}
