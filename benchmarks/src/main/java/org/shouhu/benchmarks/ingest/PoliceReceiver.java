package org.shouhu.benchmarks.ingest;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for the police: an HTTP server on a loopback port, on a Vert.x instance of its own (so that it shares
 * no event loop with the ingest it measures), that answers 204 to {@code POST /cap/<device>/<sequence>} and notes
 * when each press first arrived. Thread-safe.
 */
final class PoliceReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Map<String, Long> arrivedNanos = new ConcurrentHashMap<>();
    private final HttpServer server;

    PoliceReceiver() {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setTcpNoDelay(true))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    arrivedNanos.putIfAbsent(request.path(), System.nanoTime());
                    request.response().setStatusCode(204).end();
                }));
        server.listen().await();
    }

    int port() {
        return server.actualPort();
    }

    static String path(long imei, long sequence) {
        return "/cap/" + imei + "/" + sequence;
    }

    /** When the press arrived first (System.nanoTime), or null if it has not. */
    Long arrived(long imei, long sequence) {
        return arrivedNanos.get(path(imei, sequence));
    }

    @Override
    public void close() {
        vertx.close().await();
    }
}
