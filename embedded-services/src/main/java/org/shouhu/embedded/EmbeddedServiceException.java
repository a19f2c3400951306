package org.shouhu.embedded;

/**
 * An embedded service could not be prepared, started or stopped. The message says what was attempted and, where the
 * service writes a log, ends with the last lines of that log. These failures are permanent for the attempt that
 * raised them: the cause (a port in use, a data directory held by another process, a corrupt archive) has to be
 * removed before trying again.
 */
public final class EmbeddedServiceException extends RuntimeException {

    public EmbeddedServiceException(String message) {
        super(message);
    }

    public EmbeddedServiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
