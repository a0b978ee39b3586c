package io.telerisk.hub.store;

/** The telemetry backend cannot take a write now; the data is not stored and must be retried or spooled. */
public class StoreUnavailableException extends Exception {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
