package io.telerisk.hub.summary;

/** The system of record could not be read or written. */
public class SummaryUnavailableException extends RuntimeException {
    public SummaryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
