package org.shouhu.server.http;

import io.vertx.core.Future;

/** One dependency the server needs to do its job, checked by {@code /health}. */
public interface HealthCheck {

    /** A short stable name, e.g. {@code database}. */
    String name();

    /** Succeeds when the dependency works; fails with the reason otherwise. Must finish within a few seconds. */
    Future<Void> check();
}
