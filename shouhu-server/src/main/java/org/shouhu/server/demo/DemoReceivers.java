package org.shouhu.server.demo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Local HTTP receivers standing in for the guardians' app backend ({@code POST /guardian/{id}}) and for each
 * jurisdiction's police dispatch centre ({@code POST /police/{jurisdiction}}). Each answers 200 and reports what it
 * received to a listener. Thread-safe.
 */
public final class DemoReceivers {

    private final Vertx vertx;
    private final Clock clock;
    private final List<ReceivedAlert> received = new CopyOnWriteArrayList<>();
    private final List<Consumer<ReceivedAlert>> listeners = new CopyOnWriteArrayList<>();
    private HttpServer server;

    public DemoReceivers(Vertx vertx, Clock clock) {
        this.vertx = vertx;
        this.clock = clock;
    }

    public Future<DemoReceivers> start() {
        Router router = Router.router(vertx);
        router.post().handler(BodyHandler.create().setBodyLimit(1 << 20));
        router.post("/guardian/:id").handler(context -> accept(context, "guardian/" + context.pathParam("id")));
        router.post("/police/:jurisdiction").handler(
                context -> accept(context, "police/" + context.pathParam("jurisdiction")));
        return vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").map(listening -> {
            server = listening;
            return this;
        });
    }

    private void accept(io.vertx.ext.web.RoutingContext context, String receiver) {
        ReceivedAlert alert = new ReceivedAlert(receiver, clock.instant(),
                String.valueOf(context.request().getHeader("content-type")), context.body().asString());
        received.add(alert);
        listeners.forEach(listener -> listener.accept(alert));
        context.response().setStatusCode(200).end();
    }

    public void onReceived(Consumer<ReceivedAlert> listener) {
        listeners.add(listener);
    }

    public List<ReceivedAlert> received() {
        return List.copyOf(received);
    }

    public URI guardianEndpoint(String guardianId) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/guardian/" + guardianId);
    }

    public URI policeEndpoint(String jurisdictionId) {
        return URI.create("http://127.0.0.1:" + server.actualPort() + "/police/" + jurisdictionId);
    }

    public Future<Void> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }
}
