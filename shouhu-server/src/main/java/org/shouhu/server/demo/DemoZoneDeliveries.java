package org.shouhu.server.demo;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.shouhu.protocol.DeviceId;
import org.shouhu.sim.region.DeviceAssignment;

/**
 * Waits for the demo's two zone alerts at the guardians' receivers, the school exit and the river, and prints each
 * as it arrives with its latency from the fix that decided it.
 */
final class DemoZoneDeliveries {

    /** One expected zone alert: whose guardian, of which kind, and how to describe it. */
    private record Expected(DeviceAssignment child, String kind, String story) {
    }

    private DemoZoneDeliveries() {
    }

    /**
     * @param state what the geofence engine knows about a device, printed when an alert does not arrive
     */
    static void await(DemoConsole console, DemoReceivers receivers, DemoZones zones, Instant since,
                      Duration timeout, Function<DeviceId, String> state) throws InterruptedException {
        List<Expected> waiting = new ArrayList<>(List.of(
                new Expected(zones.riverChild(), "entered-danger-zone", "walked into the Liuchong river"),
                new Expected(zones.boarder(), "left-school", "left " + zones.boarder().schoolName()
                        + " during school hours")));
        console.step("Watching two children: " + zones.boarder().deviceId() + " walks out of the north gate of "
                + zones.boarder().schoolName() + "; " + zones.riverChild().deviceId() + " walks from home in "
                + zones.riverChild().villageName() + " north to the river");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (Expected expected : List.copyOf(waiting)) {
                Optional<ReceivedAlert> received = find(receivers, expected, since);
                if (received.isPresent()) {
                    print(console, expected, received.get());
                    waiting.remove(expected);
                }
            }
            Thread.sleep(20);
        }
        for (Expected expected : waiting) {
            console.detail("NOT DELIVERED within " + timeout.toSeconds() + " s: " + expected.kind() + " for "
                    + expected.child().deviceId() + " (see the server log and /metrics shouhu_geofence_*)");
            console.detail("geofence state of " + expected.child().deviceId() + ": "
                    + state.apply(expected.child().deviceId()));
        }
    }

    private static Optional<ReceivedAlert> find(DemoReceivers receivers, Expected expected, Instant since) {
        String guardian = "guardian/" + DemoDirectory.guardianId(expected.child());
        return receivers.received().stream()
                .filter(alert -> alert.receiver().equals(guardian) && !alert.receivedAt().isBefore(since))
                .filter(alert -> {
                    JsonObject body = new JsonObject(alert.body());
                    return expected.kind().equals(body.getString("kind"))
                            && "alert".equals(body.getString("message"));
                })
                .findFirst();
    }

    private static void print(DemoConsole console, Expected expected, ReceivedAlert alert) {
        JsonObject body = new JsonObject(alert.body());
        Instant decidedAt = Instant.parse(body.getString("occurredAt"));
        long latency = Duration.between(decidedAt, alert.receivedAt()).toMillis();
        console.step(body.getJsonObject("child").getString("name") + " (" + expected.child().deviceId() + ") "
                + expected.story());
        console.detail("guardian receiver " + alert.receiver() + " got " + expected.kind() + " for zone '"
                + body.getString("zoneName") + "': " + body.getString("headline"));
        JsonObject position = body.getJsonObject("position");
        if (position != null) {
            console.detail(String.format("deciding fix %.6f, %.6f ±%d m at %s", position.getDouble("latitude"),
                    position.getDouble("longitude"), position.getInteger("accuracyMetres"), decidedAt));
        }
        console.detail("fix-to-guardian latency: " + latency + " ms (band upload, ingest commit, "
                + "geofence evaluation, alert commit, webhook delivery)");
    }
}
