package org.shouhu.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Finds a TCP port on the loopback interface that nothing listens on right now. Thread-safe. */
public final class FreePort {

    private FreePort() {
    }

    /**
     * A port that was free a moment ago on 127.0.0.1. Another process may take it before the caller binds it, so
     * callers that ask for a free port retry start-up with a new one when the bind fails.
     */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
        }
    }

    /** Validates a requested port: 0 (any free port) or 1 to 65535. */
    public static int requireValid(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 (any free port) or 1..65535: " + port);
        }
        return port;
    }
}
