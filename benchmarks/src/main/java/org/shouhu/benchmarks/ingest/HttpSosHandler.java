package org.shouhu.benchmarks.ingest;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import org.shouhu.ingest.SosHandler;
import org.shouhu.ingest.SosReceived;

/**
 * The harness's {@link SosHandler}: posts each SOS ingest hands over to the {@link PoliceReceiver} and succeeds on a
 * 2xx answer, as the server's alert side does once it has raised the alert (which this harness leaves out: that
 * part is measured by the dispatch harness). Uses the verticle's Vert.x instance, as the server's handler does.
 */
final class HttpSosHandler implements SosHandler {

    private final HttpClient client;
    private final int port;

    HttpSosHandler(Vertx vertx, int port) {
        this.client = vertx.createHttpClient(new HttpClientOptions().setTcpNoDelay(true).setKeepAlive(true),
                new PoolOptions().setHttp1MaxSize(8));
        this.port = port;
    }

    @Override
    public Future<Void> onSos(SosReceived sos) {
        String body = "{\"device\":" + sos.device().imei() + ",\"sequence\":" + sos.sequence() + "}";
        return client.request(HttpMethod.POST, port, "127.0.0.1", PoliceReceiver.path(sos.device().imei(),
                        sos.sequence()))
                .compose(request -> request.putHeader("content-type", "application/json")
                        .send(Buffer.buffer(body)))
                .compose(response -> response.statusCode() / 100 == 2 ? Future.<Void>succeededFuture()
                        : Future.<Void>failedFuture("police receiver answered " + response.statusCode()));
    }
}
