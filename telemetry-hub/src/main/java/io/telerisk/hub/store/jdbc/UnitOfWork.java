package io.telerisk.hub.store.jdbc;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A transaction held by the calling thread on the system of record, for adapters whose domain port takes plain
 * code as its unit of work (claims {@code Transactions}, pricing {@code PlanRepository.atomically}): the unit holds
 * one connection with auto-commit off and every statement the adapter runs inside it uses that connection, so they
 * commit or roll back together. A nested unit joins the running one.
 */
public final class UnitOfWork {
    /** A statement run on a connection. */
    @FunctionalInterface
    public interface Sql<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    public UnitOfWork(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Runs {@code work} in the thread's unit, opening one (and first running {@code first} on its connection, e.g.
     * to take row locks) when none is running; commits when it returns, rolls back when it throws.
     */
    public <T> T run(Sql<?> first, Supplier<T> work) throws SQLException {
        if (current.get() != null) return work.get();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            current.set(c);
            try {
                if (first != null) first.run(c);
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | Error | SQLException e) {
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
        }
    }

    /** Runs {@code sql} on the thread's unit, or on a connection of its own (auto-commit) when none is running. */
    public <T> T withConnection(Sql<T> sql) throws SQLException {
        Connection c = current.get();
        if (c != null) return sql.run(c);
        try (Connection own = dataSource.getConnection()) {
            return sql.run(own);
        }
    }

    /** Runs {@code sql} on the thread's unit, or in a transaction of its own when none is running. */
    public <T> T inTransaction(Sql<T> sql) throws SQLException {
        Connection c = current.get();
        if (c != null) return sql.run(c);
        try (Connection own = dataSource.getConnection()) {
            boolean auto = own.getAutoCommit();
            own.setAutoCommit(false);
            try {
                T r = sql.run(own);
                own.commit();
                return r;
            } catch (SQLException | RuntimeException e) {
                own.rollback();
                throw e;
            } finally {
                own.setAutoCommit(auto);
            }
        }
    }
}
