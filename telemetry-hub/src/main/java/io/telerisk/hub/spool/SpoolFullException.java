package io.telerisk.hub.spool;

/** The spool has reached its size bound; nothing was written. The caller stops reading and retries later. */
public class SpoolFullException extends Exception {
    public SpoolFullException(String message) {
        super(message);
    }
}
