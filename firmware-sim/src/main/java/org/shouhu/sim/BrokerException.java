package org.shouhu.sim;

/**
 * The broker could not be reached, refused a device, or did not acknowledge a message in time. {@link #retriable()}
 * says whether trying again later may help (timeouts, lost connections) or not (malformed broker URL, a client id
 * the broker rejects).
 */
public final class BrokerException extends RuntimeException {

    private final boolean retriable;

    public BrokerException(String message, Throwable cause, boolean retriable) {
        super(message, cause);
        this.retriable = retriable;
    }

    public boolean retriable() {
        return retriable;
    }
}
