package org.shouhu.benchmarks.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Publishes every frame once at QoS 1, as fast as the broker acknowledges, from several connections (frame {@code i}
 * goes out on connection {@code i % connections}, so each wristband's frames stay in order on one connection).
 * Each connection keeps at most {@value #IN_FLIGHT} publications unacknowledged.
 */
final class FramePublisher implements AutoCloseable {

    private static final int IN_FLIGHT = 500;

    /**
     * How long a publisher whose window is full sleeps before it looks again. It was 20 µs: four threads looking
     * 50,000 times a second each took a large share of two cores whenever the far end was slower than the
     * publishers (the ingest run, mostly), so the harness slowed the run it measured. A window holds thousands of
     * frames, so a millisecond's delay in refilling it leaves the broker plenty to deliver.
     */
    static final long WINDOW_WAIT_NANOS = 1_000_000;

    private final List<MqttAsyncClient> clients = new ArrayList<>();

    FramePublisher(String mqttUrl, int connections) throws MqttException {
        for (int c = 0; c < connections; c++) {
            MqttAsyncClient client = new MqttAsyncClient(mqttUrl, "bench-pub-" + c + "-" + UUID.randomUUID(),
                    new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setMaxInflight(IN_FLIGHT * 2);
            client.connect(options).waitForCompletion(10_000);
            clients.add(client);
        }
    }

    /**
     * Publishes all frames and returns once the broker acknowledged every one. Closed loop: no more than
     * {@code window} frames are ever published but not yet {@code delivered} at the far end, so that the broker
     * never queues more for a subscriber than it keeps (Mosquitto drops QoS 1 messages beyond
     * {@code max_queued_messages}, 1000 by default, per session).
     */
    void publishAll(PositionFrames frames, LongSupplier delivered, int window) throws InterruptedException {
        AtomicLong published = new AtomicLong();
        publishEach(frames, published, () -> {
            while (published.get() - delivered.getAsLong() >= window) {
                LockSupport.parkNanos(WINDOW_WAIT_NANOS);
            }
        });
    }

    /**
     * Publishes all frames at {@code perSecond} in total (open loop: the pace does not depend on the far end) and
     * returns once the broker acknowledged every one.
     */
    void publishAtRate(PositionFrames frames, double perSecond) throws InterruptedException {
        AtomicLong published = new AtomicLong();
        long start = System.nanoTime();
        double nanosPerFrame = 1e9 / perSecond;
        publishEach(frames, published, () -> {
            long due = start + (long) (published.get() * nanosPerFrame);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        });
    }

    /** Publishes every frame, from one thread per connection; {@code pace} runs before each publication. */
    private void publishEach(PositionFrames frames, AtomicLong published, Runnable pace) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int c = 0; c < clients.size(); c++) {
            int index = c;
            Thread thread = new Thread(() -> {
                try {
                    publishShare(clients.get(index), frames, index, clients.size(), published, pace);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "bench-publisher-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("publishing failed", failures.get(0));
        }
    }

    private static void publishShare(MqttAsyncClient client, PositionFrames frames, int first, int step,
                                     AtomicLong published, Runnable pace)
            throws MqttException, InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        IMqttActionListener release = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                inFlight.release();
            }

            @Override
            public void onFailure(IMqttToken token, Throwable exception) {
                inFlight.release();
            }
        };
        for (int i = first; i < frames.size(); i += step) {
            pace.run();
            published.incrementAndGet();
            inFlight.acquire();
            MqttMessage message = new MqttMessage(frames.payload(i));
            message.setQos(1);
            client.publish(frames.topic(i), message, null, release);
        }
        if (!inFlight.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("broker did not acknowledge all publications within 60 s");
        }
    }

    @Override
    public void close() {
        for (MqttAsyncClient client : clients) {
            try {
                client.disconnect().waitForCompletion(5_000);
                client.close();
            } catch (MqttException e) {
                // The run is over; a publisher that does not disconnect cleanly changes no figure.
            }
        }
    }
}
