package io.telerisk.hub.ingest;

/**
 * Thrown by an {@link AcceptedListener} that could not make the follow-up work of a stored envelope durable (mark its
 * summary days, queue its crash candidate or loan request) because the system of record refused the write. The ingest
 * then keeps the envelopes in its disk spool before acknowledging them, and replays them (store again, which is
 * idempotent, then tell the listeners again) until every listener succeeds: nothing acknowledged loses its follow-up.
 * Any other exception from a listener is a bug: logged, not retried.
 */
public final class FollowUpUnavailableException extends RuntimeException {
    public FollowUpUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
