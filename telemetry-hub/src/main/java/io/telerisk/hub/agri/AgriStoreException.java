package io.telerisk.hub.agri;

/** A crop-credit table or series could not be read or written (database down, constraint broken). */
public final class AgriStoreException extends IllegalStateException {
    public AgriStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
