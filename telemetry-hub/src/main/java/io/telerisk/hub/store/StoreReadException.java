package io.telerisk.hub.store;

/**
 * A read from the telemetry store failed because the backend is unavailable or answered with an error.
 * Unchecked because the read methods of {@link TelemetryStore} declare none; the REST API maps it to 503.
 */
public class StoreReadException extends RuntimeException {
    public StoreReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
