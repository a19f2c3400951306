package org.shouhu.alert;

/** A CAP document sent to us (an Ack) is malformed or does not refer to one of our alerts (HTTP 400). */
public final class CapDocumentException extends RuntimeException {

    public CapDocumentException(String message) {
        super(message);
    }

    public CapDocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
