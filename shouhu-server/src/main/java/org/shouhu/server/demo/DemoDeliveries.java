package org.shouhu.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.shouhu.protocol.DeviceId;

/** The first police and guardian deliveries of one device's SOS, with their latency from the press. */
final class DemoDeliveries {

    private final Instant pressed;
    private final List<ReceivedAlert> police;
    private final List<ReceivedAlert> guardians;

    private DemoDeliveries(Instant pressed, List<ReceivedAlert> police, List<ReceivedAlert> guardians) {
        this.pressed = pressed;
        this.police = police;
        this.guardians = guardians;
    }

    /** Waits until both a police and a guardian receiver got an alert naming the device, or the timeout. */
    static DemoDeliveries await(DemoReceivers receivers, Instant pressed, DeviceId device, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<ReceivedAlert> mine = receivers.received().stream()
                    .filter(alert -> !alert.receivedAt().isBefore(pressed))
                    .filter(alert -> alert.body().contains(device.toString())).toList();
            List<ReceivedAlert> police = mine.stream().filter(a -> a.receiver().startsWith("police/")).toList();
            List<ReceivedAlert> guardians = mine.stream().filter(a -> a.receiver().startsWith("guardian/")).toList();
            if ((!police.isEmpty() && !guardians.isEmpty()) || System.nanoTime() > deadline) {
                return new DemoDeliveries(pressed, police, guardians);
            }
            Thread.sleep(2);
        }
    }

    void print(DemoConsole console) {
        if (police.isEmpty() || guardians.isEmpty()) {
            console.detail("NOT DELIVERED in time: police " + police.size() + ", guardians " + guardians.size()
                    + " (the outbox keeps retrying; see the server log)");
            return;
        }
        ReceivedAlert cap = police.get(0);
        ReceivedAlert json = guardians.get(0);
        console.detail("police receiver   " + cap.receiver() + " got CAP 1.2 after "
                + latency(cap) + " ms: " + excerpt(cap.body(), "<areaDesc>", "</areaDesc>")
                + " circle " + excerpt(cap.body(), "<circle>", "</circle>"));
        console.detail("guardian receiver " + json.receiver() + " got JSON after " + latency(json) + " ms");
        console.detail("press-to-delivery latency: police " + latency(cap) + " ms, guardian " + latency(json) + " ms");
    }

    private long latency(ReceivedAlert alert) {
        return Duration.between(pressed, alert.receivedAt()).toMillis();
    }

    private static String excerpt(String body, String open, String close) {
        int start = body.indexOf(open);
        int end = body.indexOf(close, start + 1);
        return start < 0 || end < 0 ? "?" : body.substring(start + open.length(), end);
    }
}
