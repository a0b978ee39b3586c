package io.telerisk.hub.claims;

import io.telerisk.claims.tx.Transactions;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link Transactions} on the system of record: the thread's unit of work holds one connection with auto-commit off;
 * the claims adapters run their statements on it ({@link #withConnection}), so a claim and its ledger entry commit
 * together. A nested call joins the running transaction. Outside a transaction each statement gets its own
 * connection (auto-commit).
 */
final class JdbcTransactions implements Transactions {
    /** A statement run on a connection. */
    @FunctionalInterface
    interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    JdbcTransactions(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        if (current.get() != null) return work.get();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                current.remove();
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("claims transaction failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} on the thread's transaction, or on a connection of its own when none is running. */
    <T> T withConnection(Sql<T> sql) throws SQLException {
        Connection c = current.get();
        if (c != null) return sql.run(c);
        try (Connection own = dataSource.getConnection()) {
            return sql.run(own);
        }
    }
}
