package io.telerisk.hub.store;

/**
 * The backend refused the data itself (a value it cannot store, a type conflict): retrying the same write will
 * not help, so callers dead-letter the batch with this reason instead of spooling it.
 */
public class StoreRejectedException extends RuntimeException {
    public StoreRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
