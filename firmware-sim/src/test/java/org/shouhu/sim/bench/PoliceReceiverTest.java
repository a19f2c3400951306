package org.shouhu.sim.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PoliceReceiverTest {

    private static final String IMEI = "860000000000042";
    /** Pressed at 07:05:13.4 in Guizhou; CAP writes the fix time to the second. */
    private static final Instant PRESS = Instant.parse("2026-03-01T23:05:13.400Z");
    private final HttpClient http = HttpClient.newHttpClient();
    private PoliceReceiver receiver;
    private long beforeStart;

    @BeforeEach
    void start() throws Exception {
        beforeStart = System.nanoTime();
        receiver = PoliceReceiver.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void notes_when_a_cap_alert_about_a_device_arrives_after_the_press() throws Exception {
        long pressed = System.nanoTime();

        int status = post("/cap/qixingguan", cap("Alert", IMEI, "2026-03-02T07:05:13+08:00"));

        assertThat(status).isEqualTo(200);
        assertThat(receiver.arrivalAfter(IMEI, pressed, PRESS)).hasValueSatisfying(at -> assertThat(at).isGreaterThan(pressed));
        assertThat(receiver.arrivalAfter(IMEI, System.nanoTime(), PRESS)).as("nothing arrived after a later press")
                .isEmpty();
        assertThat(receiver.arrivalAfter("860000000000043", pressed, PRESS)).isEmpty();
    }

    @Test
    void a_late_retry_of_an_older_alert_does_not_pass_for_the_answer_to_a_new_press() throws Exception {
        long pressed = System.nanoTime();

        post("/cap/qixingguan", cap("Alert", IMEI, "2026-03-02T07:01:00+08:00"));

        assertThat(receiver.arrivalAfter(IMEI, pressed, PRESS)).isEmpty();
    }

    @Test
    void an_update_counts_because_a_press_on_an_open_alert_is_sent_as_one() throws Exception {
        long pressed = System.nanoTime();

        post("/cap/dafang", cap("Update", IMEI, "2026-03-02T07:05:13+08:00"));

        assertThat(receiver.arrivalAfter(IMEI, pressed, PRESS)).isPresent();
    }

    @Test
    void a_cancel_and_guardian_messages_are_answered_but_time_nothing() throws Exception {
        long pressed = System.nanoTime();

        assertThat(post("/cap/dafang", cap("Cancel", IMEI, "2026-03-02T07:05:13+08:00"))).isEqualTo(200);
        assertThat(post("/guardian/g-" + IMEI, "{\"alert\":\"x\",\"device\":\"" + IMEI + "\"}")).isEqualTo(200);

        assertThat(receiver.arrivalAfter(IMEI, pressed, PRESS)).isEmpty();
        assertThat(receiver.capDocuments()).isEqualTo(1);
        assertThat(receiver.guardianMessages()).isEqualTo(1);
    }

    @Test
    void has_answered_its_own_warm_up_when_started_and_counts_none_of_it() {
        assertThat(receiver.warmUpRequests()).isEqualTo(200);
        assertThat(receiver.capDocuments()).isZero();
        assertThat(receiver.guardianMessages()).isZero();
        assertThat(receiver.arrivalAfter("860000000000000", beforeStart, Instant.EPOCH)).isEmpty();
    }

    private int post(String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String cap(String msgType, String imei, String fixTime) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\">"
                + "<identifier>x</identifier><msgType>" + msgType + "</msgType><info><parameter>"
                + "<valueName>device</valueName><value>" + imei + "</value></parameter><parameter>"
                + "<valueName>fix-time</valueName><value>" + fixTime + "</value></parameter></info></alert>";
    }
}
