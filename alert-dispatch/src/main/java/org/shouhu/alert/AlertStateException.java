package org.shouhu.alert;

/** The alert is not in a state that allows the operation, e.g. acknowledging a resolved alert (HTTP 409). */
public final class AlertStateException extends RuntimeException {

    private final AlertState state;

    public AlertStateException(AlertId id, AlertState state, String operation) {
        super("cannot " + operation + " alert " + id + ": it is " + state);
        this.state = state;
    }

    public AlertState state() {
        return state;
    }
}
