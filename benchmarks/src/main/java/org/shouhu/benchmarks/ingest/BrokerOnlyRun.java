package org.shouhu.benchmarks.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.shouhu.protocol.Topics;

/**
 * The broker's raw QoS 1 rate on this machine: the same publishers, and a plain subscriber with as many connections
 * as ingest uses, on one shared subscription at QoS 1, with the same MQTT client as ingest; it only counts, and
 * each message is acknowledged as soon as it arrives. The difference to the ingest run is exactly the ingest work:
 * decoding, batching, the database commit before the acknowledgement.
 */
final class BrokerOnlyRun {

    private BrokerOnlyRun() {
    }

    static RunResult run(BenchOptions options, PositionFrames frames) throws Exception {
        AtomicLong received = new AtomicLong();
        AtomicLong lastNanos = new AtomicLong();
        Vertx vertx = Vertx.vertx();
        String filter = Topics.sharedUplinkFilter("bench-plain-" + UUID.randomUUID().toString().substring(0, 8));
        List<MqttClient> subscribers = new ArrayList<>();
        List<Future<?>> subscribed = new ArrayList<>();
        for (int c = 0; c < options.connections(); c++) {
            MqttClient subscriber = MqttClient.create(vertx, new MqttClientOptions()
                    .setClientId("bench-plain-" + c + "-" + UUID.randomUUID()).setCleanSession(true));
            subscriber.publishHandler(message -> {
                received.incrementAndGet();
                lastNanos.set(System.nanoTime());
            });
            subscribers.add(subscriber);
            subscribed.add(subscriber.connect(options.mqttUrl().getPort(), options.mqttUrl().getHost())
                    .compose(ack -> subscriber.subscribe(filter, 1)));
        }
        try (FramePublisher publisher = new FramePublisher(options.mqttUrl().toString(), options.publishers())) {
            Future.all(subscribed).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            ProcessCpu.Reading cpuBefore = ProcessCpu.read(options.brokerPid());
            ThreadCpu.Reading threadsBefore = ThreadCpu.read();
            long start = System.nanoTime();
            publisher.publishAll(frames, received::get, options.window());
            Progress.await(received::get, frames.size(), "broker alone");
            ProcessCpu.Reading cpu = ProcessCpu.read(options.brokerPid()).minus(cpuBefore);
            String threads = ThreadCpu.read().perMessage(threadsBefore, received.get(), cpu.jvmNanos());
            return new RunResult("broker alone (plain QoS 1 sub)", received.get(), lastNanos.get() - start,
                    options.connections() + " subscriber connections; " + cpu.perThousand(received.get()), threads);
        } finally {
            List<Future<?>> closed = new ArrayList<>();
            subscribers.forEach(s -> closed.add(s.disconnect()));
            Future.join(closed).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
