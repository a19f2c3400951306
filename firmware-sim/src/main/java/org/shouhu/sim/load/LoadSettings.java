package org.shouhu.sim.load;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.shouhu.sim.SimulatedDevice;

/**
 * What a {@link LoadFleet} needs.
 * <p>
 * Connections are spread by the band's index in the whole fleet ({@code firstIndex} + its position in
 * {@code devices}): band <i>g</i> connects to broker <i>g</i> mod <i>brokers</i> from source address <i>g</i> mod
 * <i>addresses</i>. A fleet split over several processes, each given a contiguous slice and its {@code firstIndex},
 * therefore spreads its connections exactly as one process running every band would.
 *
 * @param brokerUrls         {@code tcp://host:port} of each broker (several where one broker process cannot hold
 *                           every connection)
 * @param devices            the bands, distinct ids
 * @param firstIndex         the index in the whole fleet of {@code devices.get(0)}
 * @param seed               the behaviour seed
 * @param clock              simulated time
 * @param sourceAddresses    local addresses to spread connections over (the kernel finds a free port of one source
 *                           address cheaply for only about 14,000 connections); empty for the system's choice
 * @param connectsPerSecond  connection ramp, 1..100000
 * @param eventLoops         event-loop threads, one shard of bands each (2 on a 2-core machine)
 * @param tick               how often due bands are stepped
 */
public record LoadSettings(List<String> brokerUrls, List<SimulatedDevice> devices, int firstIndex, long seed,
                           Clock clock, List<String> sourceAddresses, int connectsPerSecond, int eventLoops,
                           Duration tick) {

    /** A broker's address, from its URL. */
    record BrokerAddress(String host, int port) {
    }

    public LoadSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tick, "tick");
        brokerUrls = List.copyOf(brokerUrls);
        devices = List.copyOf(devices);
        sourceAddresses = List.copyOf(sourceAddresses);
        if (brokerUrls.isEmpty()) {
            throw new IllegalArgumentException("at least one broker URL is needed");
        }
        brokerUrls.forEach(LoadSettings::address);
        if (firstIndex < 0) {
            throw new IllegalArgumentException("first index must not be negative: " + firstIndex);
        }
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

    /** One broker, every band from index 0. */
    public LoadSettings(String brokerUrl, List<SimulatedDevice> devices, long seed, Clock clock,
                        List<String> sourceAddresses, int connectsPerSecond, int eventLoops, Duration tick) {
        this(List.of(brokerUrl), devices, 0, seed, clock, sourceAddresses, connectsPerSecond, eventLoops, tick);
    }

    /** The broker the band with this index in the whole fleet connects to. */
    BrokerAddress brokerFor(int fleetIndex) {
        return address(brokerUrls.get(fleetIndex % brokerUrls.size()));
    }

    /** The source address of the band with this index in the whole fleet, if addresses are given. */
    Optional<String> sourceAddressFor(int fleetIndex) {
        return sourceAddresses.isEmpty() ? Optional.empty()
                : Optional.of(sourceAddresses.get(fleetIndex % sourceAddresses.size()));
    }

    private static BrokerAddress address(String url) {
        URI uri;
        try {
            uri = URI.create(Objects.requireNonNull(url, "broker URL"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("broker URL must be tcp://host:port: " + url);
        }
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("broker URL must be tcp://host:port: " + url);
        }
        return new BrokerAddress(uri.getHost(), uri.getPort() < 0 ? 1883 : uri.getPort());
    }
}
