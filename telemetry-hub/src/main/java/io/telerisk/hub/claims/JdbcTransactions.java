package io.telerisk.hub.claims;

import io.telerisk.claims.tx.Transactions;
import io.telerisk.hub.store.jdbc.UnitOfWork;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * {@link Transactions} on the system of record: the claims adapters run their statements through
 * {@link #withConnection}, so a claim and its ledger entry commit together (a {@link UnitOfWork}). A nested call
 * joins the running transaction; outside one each statement gets its own connection (auto-commit).
 */
final class JdbcTransactions implements Transactions {
    private final UnitOfWork unit;

    JdbcTransactions(DataSource dataSource) {
        this.unit = new UnitOfWork(dataSource);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        try {
            return unit.run(null, work);
        } catch (SQLException e) {
            throw new IllegalStateException("claims transaction failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code sql} on the thread's transaction, or on a connection of its own when none is running. */
    <T> T withConnection(UnitOfWork.Sql<T> sql) throws SQLException {
        return unit.withConnection(sql);
    }
}
