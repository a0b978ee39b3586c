package io.telerisk.claims.tx;

import java.util.function.Supplier;

/**
 * Port: runs work in one transaction of the store behind the claims ports, so a claim and its ledger entry are
 * written together or not at all. A call inside a running transaction joins it. The hub implements it on JDBC; the
 * in-memory ports use {@link #none()}.
 */
@FunctionalInterface
public interface Transactions {
    /** Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * For in-memory ports: runs the work as it is (each in-memory port is thread-safe on its own; nothing can be rolled
     * back). No lock here: callers hold per-claim locks, and a global one taken in another order would deadlock.
     */
    static Transactions none() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }
        };
    }
}
