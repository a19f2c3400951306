package org.shouhu.benchmarks.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.shouhu.ingest.SosHandler;
import org.shouhu.ingest.SosReceived;
import org.shouhu.ingest.SosTimings;

/**
 * The harness's {@link SosHandler}: posts each SOS ingest hands over to the {@link PoliceReceiver} and succeeds on a
 * 2xx answer, as the server's alert side does once it has raised the alert (which this harness leaves out: that
 * part is measured by the dispatch harness). Uses the verticle's Vert.x instance, as the server's handler does.
 * Notes, per press, when its request was sent, the stage timings ingest reports, and how long the broker and the
 * SOS event loop had waited for a core by the time the handler was called ({@link RunQueueWait}). Thread-safe.
 */
final class HttpSosHandler implements SosHandler {

    private final HttpClient client;
    private final int port;
    private final Map<String, Long> requestSentNanos = new ConcurrentHashMap<>();
    private final Map<String, SosTimings> timings = new ConcurrentHashMap<>();
    private final Map<String, long[]> waitedAtHandler = new ConcurrentHashMap<>();
    private final Path broker;
    private volatile Path loopThread;

    /** @param broker the broker's {@code /proc} directory, or null when it is not known */
    HttpSosHandler(Vertx vertx, int port, Path broker) {
        this.broker = broker;
        this.client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(8));
        this.port = port;
    }

    @Override
    public Future<Void> onSos(SosReceived sos) {
        String body = "{\"device\":" + sos.device().imei() + ",\"sequence\":" + sos.sequence() + "}";
        String path = PoliceReceiver.path(sos.device().imei(), sos.sequence());
        if (loopThread == null) {
            loopThread = RunQueueWait.currentThread();
        }
        waitedAtHandler.putIfAbsent(path, new long[] {RunQueueWait.read(broker), RunQueueWait.read(loopThread)});
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

    /** The {@code /proc} directory of the thread the handler is called on (ingest's SOS event loop), or null. */
    Path loopThread() {
        return loopThread;
    }

    /** Run-queue waits of the broker and of the SOS event loop when the handler was first called, or null. */
    long[] waitedAtHandler(long imei, long sequence) {
        return waitedAtHandler.get(PoliceReceiver.path(imei, sequence));
    }

    /** The stage timings ingest reported when it acknowledged the press, or null if it has not. */
    SosTimings timings(long imei, long sequence) {
        return timings.get(PoliceReceiver.path(imei, sequence));
    }
}
