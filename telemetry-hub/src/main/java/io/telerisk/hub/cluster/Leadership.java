package io.telerisk.hub.cluster;

import io.telerisk.hub.store.jdbc.SqlDialect;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * Which hub runs a job that must run on one hub at a time (summaries, retention): the holder of a PostgreSQL
 * session-level advisory lock named after the job, taken on a connection of its own and kept while the hub runs.
 * PostgreSQL releases it when that connection ends (the hub stops or dies), and another hub takes it on its next
 * {@link #held()}: election by the database, without a lease or heartbeat of our own. With H2 there is one hub, so
 * it always holds the job.
 */
public final class Leadership implements BooleanSupplier, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Leadership.class.getName());
    /** First key of the two-int advisory locks of elected jobs (the second is {@code hashtext(job)}). */
    static final int LOCK_CLASS = 0x7E1E_0002;

    private final DataSource ds;
    private final String job;
    private final boolean single;
    private Connection holder;

    private Leadership(DataSource ds, String job, boolean single) {
        this.ds = ds;
        this.job = job;
        this.single = single;
    }

    /** A job elected among the hubs sharing this system of record. */
    public static Leadership of(DataSource ds, SqlDialect dialect, String job) {
        return new Leadership(Objects.requireNonNull(ds, "ds"), Objects.requireNonNull(job, "job"), dialect != SqlDialect.POSTGRESQL);
    }

    /** Whether this hub runs the job now: keeps the lock if it has it, tries to take it otherwise. Blocks on JDBC. */
    @Override
    public synchronized boolean getAsBoolean() {
        return held();
    }

    /** See {@link #getAsBoolean()}. */
    public synchronized boolean held() {
        if (single) return true;
        try {
            if (holder != null) {
                if (holder.isValid(2)) return true;
                LOG.log(System.Logger.Level.WARNING, "lost the connection holding job " + job + "; another hub may run it now");
                closeHolder();
            }
            Connection c = ds.getConnection();
            c.setAutoCommit(true);
            try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
                q.setInt(1, LOCK_CLASS);
                q.setString(2, job);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        holder = c;
                        LOG.log(System.Logger.Level.INFO, "this hub now runs job " + job);
                        return true;
                    }
                }
            }
            c.close();
            return false;
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot check job " + job + ": " + e.getMessage());
            closeHolder();
            return false;
        }
    }

    private void closeHolder() {
        if (holder == null) return;
        try {
            holder.close();
        } catch (SQLException ignored) {
            // the lock goes with the connection
        }
        holder = null;
    }

    /** Gives the job up (another hub takes it on its next check). */
    @Override
    public synchronized void close() {
        if (holder != null) {
            try (PreparedStatement q = holder.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
                q.setInt(1, LOCK_CLASS);
                q.setString(2, job);
                q.executeQuery().close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "unlock of job " + job + " failed: " + e.getMessage());
            }
        }
        closeHolder();
    }
}
