package org.shouhu.benchmarks.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.ingest.SosHandler;
import org.shouhu.ingest.SosReceived;
import org.shouhu.ingest.SosTimings;

/**
 * The harness's {@link SosHandler}: posts each SOS ingest hands over to the {@link PoliceReceiver} and succeeds on a
 * 2xx answer, as the server's alert side does once it has raised the alert (which this harness leaves out: that
 * part is measured by the dispatch harness). Uses the verticle's Vert.x instance, as the server's handler does.
 * Notes, per press, when its request was sent and the stage timings ingest reports. Thread-safe.
 */
final class HttpSosHandler implements SosHandler {

    private final HttpClient client;
    private final int port;
    private final Map<String, Long> requestSentNanos = new ConcurrentHashMap<>();
    private final Map<String, SosTimings> timings = new ConcurrentHashMap<>();

    HttpSosHandler(Vertx vertx, int port) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(8));
        this.port = port;
    }

    @Override
    public Future<Void> onSos(SosReceived sos) {
        String body = "{\"device\":" + sos.device().imei() + ",\"sequence\":" + sos.sequence() + "}";
        String path = PoliceReceiver.path(sos.device().imei(), sos.sequence());
        return client.request(HttpMethod.POST, port, "127.0.0.1", path)
                .compose(request -> {
                    requestSentNanos.putIfAbsent(path, System.nanoTime());
                    return request.putHeader("content-type", "application/json").send(Buffer.buffer(body));
                })
                .compose(response -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture("police receiver answered " + response.statusCode()));
    }

    @Override
    public void onAcknowledged(SosTimings sos) {
        timings.putIfAbsent(PoliceReceiver.path(sos.device().imei(), sos.sequence()), sos);
    }

    /** When the first request for the press was handed to its connection (System.nanoTime), or null. */
    Long requestSent(long imei, long sequence) {
        return requestSentNanos.get(PoliceReceiver.path(imei, sequence));
    }

    /** The stage timings ingest reported when it acknowledged the press, or null if it has not. */
    SosTimings timings(long imei, long sequence) {
        return timings.get(PoliceReceiver.path(imei, sequence));
    }
}
