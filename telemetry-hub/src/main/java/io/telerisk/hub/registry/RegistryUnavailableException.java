package io.telerisk.hub.registry;

/** The system of record could not be read or written; the caller should answer "try later", not "no". */
public class RegistryUnavailableException extends RuntimeException {
    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
