package org.shouhu.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.embedded.internal.FreePort;

class EmbeddedMqttBrokerTest {

    private static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path sharedDir;
    static EmbeddedMqttBroker shared;

    @TempDir
    Path temp;

    @BeforeAll
    static void startSharedBroker() {
        shared = EmbeddedMqttBroker.start(sharedDir, 0, BrokerPersistence.IN_MEMORY);
    }

    @AfterAll
    static void stopSharedBroker() {
        shared.close();
    }

    @Test
    void delivers_each_qos1_message_once_to_one_member_of_a_shared_subscription() throws Exception {
        try (MqttTestClient first = MqttTestClient.connect(shared.url(), "ingest-1", true);
             MqttTestClient second = MqttTestClient.connect(shared.url(), "ingest-2", true);
             MqttTestClient wristband = MqttTestClient.connect(shared.url(), "band-1", true)) {
            first.subscribe("$share/ingest/shouhu/v1/+/up", 1);
            second.subscribe("$share/ingest/shouhu/v1/+/up", 1);

            List<String> sent = publish(wristband, "shouhu/v1/861234567890123/up", "position-", 40);

            awaitSize(() -> first.received.size() + second.received.size(), sent.size());
            Thread.sleep(300); // a plain (non-shared) subscription would deliver a second copy of each by now
            List<String> all = new ArrayList<>(first.received);
            all.addAll(second.received);
            assertThat(all).containsExactlyInAnyOrderElementsOf(sent);
        }
    }

    @Test
    void keeps_delivering_a_shared_subscription_to_the_members_that_remain() throws Exception {
        try (MqttTestClient staying = MqttTestClient.connect(shared.url(), "ingest-3", true);
             MqttTestClient wristband = MqttTestClient.connect(shared.url(), "band-4", true)) {
            MqttTestClient leaving = MqttTestClient.connect(shared.url(), "ingest-4", true);
            staying.subscribe("$share/failover/shouhu/v1/+/status", 1);
            leaving.subscribe("$share/failover/shouhu/v1/+/status", 1);
            List<String> before = publish(wristband, "shouhu/v1/861234567890126/status", "before-", 10);
            awaitSize(() -> staying.received.size() + leaving.received.size(), before.size());
            leaving.close();
            int stayingBefore = staying.received.size();

            List<String> after = publish(wristband, "shouhu/v1/861234567890126/status", "after-", 10);

            awaitSize(staying.received::size, stayingBefore + after.size());
            assertThat(staying.received.subList(stayingBefore, staying.received.size()))
                    .containsExactlyInAnyOrderElementsOf(after);
        }
    }

    private static List<String> publish(MqttTestClient client, String topic, String prefix, int count)
            throws Exception {
        List<String> sent = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
        for (String payload : sent) {
            client.publish(topic, payload, 1);
        }
        return sent;
    }

    @Test
    void queues_qos1_messages_for_a_persistent_session_until_its_client_reconnects() throws Exception {
        MqttTestClient.connect(shared.url(), "alerts-1", false).subscribeAndClose("shouhu/v1/+/sos");
        try (MqttTestClient wristband = MqttTestClient.connect(shared.url(), "band-2", true)) {
            for (int i = 0; i < 5; i++) {
                wristband.publish("shouhu/v1/861234567890124/sos", "sos-" + i, 1);
            }
        }

        try (MqttTestClient back = MqttTestClient.connect(shared.url(), "alerts-1", false)) {
            awaitSize(back.received::size, 5);
            assertThat(back.received).containsExactlyInAnyOrder("sos-0", "sos-1", "sos-2", "sos-3", "sos-4");
        }
    }

    @Test
    void keeps_a_persistent_session_and_its_queue_across_a_broker_restart_with_file_persistence() throws Exception {
        int port = FreePort.onLoopback();
        try (EmbeddedMqttBroker broker = EmbeddedMqttBroker.start(temp, port, BrokerPersistence.FILE)) {
            MqttTestClient.connect(broker.url(), "alerts", false).subscribeAndClose("shouhu/v1/+/sos");
            try (MqttTestClient wristband = MqttTestClient.connect(broker.url(), "band-3", true)) {
                wristband.publish("shouhu/v1/861234567890125/sos", "sos-before-restart", 1);
            }
        }

        try (EmbeddedMqttBroker restarted = EmbeddedMqttBroker.start(temp, port, BrokerPersistence.FILE);
             MqttTestClient back = MqttTestClient.connect(restarted.url(), "alerts", false)) {
            awaitSize(back.received::size, 1);
            assertThat(back.received).containsExactly("sos-before-restart");
        }
    }

    @Test
    void listens_on_loopback_and_names_its_url() throws Exception {
        assertThat(shared.url()).isEqualTo("tcp://127.0.0.1:" + shared.port());
        try (MqttTestClient client = MqttTestClient.connect(shared.url(), "probe", true)) {
            client.subscribe("shouhu/v1/probe", 1);
            client.publish("shouhu/v1/probe", "hello", 1);
            awaitSize(client.received::size, 1);
            assertThat(client.received).containsExactly("hello");
        }
    }

    @Test
    void fails_with_a_clear_error_when_the_requested_port_is_taken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            EmbeddedServiceException failure = assertThrows(EmbeddedServiceException.class,
                    () -> EmbeddedMqttBroker.start(temp, taken.getLocalPort(), BrokerPersistence.IN_MEMORY));
            assertThat(failure.getMessage()).contains("127.0.0.1:" + taken.getLocalPort());
        }
    }

    static void awaitSize(Supplier<Integer> size, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
        while (size.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(size.get()).as("messages received").isEqualTo(expected);
    }
}
