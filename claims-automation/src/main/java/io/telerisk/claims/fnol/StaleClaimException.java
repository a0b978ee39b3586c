package io.telerisk.claims.fnol;

/**
 * A change was based on a version of the claim that is no longer the stored one: someone else (another adjuster,
 * another hub) changed it first. Nothing was written; read the claim again and decide on what it is now.
 */
public final class StaleClaimException extends RuntimeException {
    private final long expected, actual;

    public StaleClaimException(String claimId, long expected, long actual) {
        super("claim " + claimId + " is at version " + actual + ", not " + expected + ": it changed meanwhile; reload it and decide again");
        this.expected = expected;
        this.actual = actual;
    }

    public long expected() {
        return expected;
    }

    /** The stored version, or -1 when unknown. */
    public long actual() {
        return actual;
    }
}
