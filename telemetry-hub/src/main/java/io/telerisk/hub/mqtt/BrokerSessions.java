package io.telerisk.hub.mqtt;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * Which hub owns which broker session of the shared group, and the take-over of sessions whose hub is gone
 * (PostgreSQL only; docs/ingest.md, "Several hubs").
 *
 * <p>A broker keeps a departed member's persistent session, and keeps handing it a share of the stream, until
 * someone connects with its client id. So every running hub holds a PostgreSQL session-level advisory lock on its
 * client id, on a connection of its own, for as long as it runs. PostgreSQL releases the lock when that connection
 * ends: at once when the hub process dies (its kernel closes the socket), after TCP keepalive when its machine
 * vanishes. Another hub that obtains the lock knows the member is gone and drains its session
 * ({@link SharedSubscriptionSource#drainSession}) while holding the lock, so a restarting member waits for the
 * drain to finish before it connects. The candidates are the rows of {@code broker_session}; the liveness is the
 * lock, never a heartbeat of our own.
 */
public final class BrokerSessions implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BrokerSessions.class.getName());
    /** First key of the two-int advisory locks of this feature (the second is {@code hashtext(client id)}). */
    static final int LOCK_CLASS = 0x7E1E_0001;

    private final DataSource ds;
    private final String group;
    private final String clientId;
    private final Connection owner;
    private final java.util.concurrent.atomic.AtomicBoolean scanning = new java.util.concurrent.atomic.AtomicBoolean();

    private BrokerSessions(DataSource ds, String group, String clientId, Connection owner) {
        this.ds = ds;
        this.group = group;
        this.clientId = clientId;
        this.owner = owner;
    }

    /**
     * Takes this hub's lock on its client id (waiting up to {@code wait} while another hub drains this client id's
     * old session) and registers it in the group.
     *
     * @throws IllegalStateException when the lock stays taken: another running hub uses the same client id
     */
    public static BrokerSessions claim(DataSource ds, String group, String clientId, String broker, Clock clock, Duration wait) {
        Objects.requireNonNull(clientId, "clientId");
        Connection c = null;
        try {
            c = ds.getConnection();
            c.setAutoCommit(true);
            long end = System.nanoTime() + wait.toNanos();
            while (!tryLock(c, clientId)) {
                if (System.nanoTime() - end > 0) {
                    throw new IllegalStateException("broker client id '" + clientId + "' is held by another running hub"
                            + " (or one still draining its old session); give each hub its own telerisk.broker.client-id");
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
            try (PreparedStatement u = c.prepareStatement("INSERT INTO broker_session (client_id, shared_group, broker, registered_at)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT (client_id) DO UPDATE SET shared_group = EXCLUDED.shared_group,"
                    + " broker = EXCLUDED.broker, registered_at = EXCLUDED.registered_at")) {
                u.setString(1, clientId);
                u.setString(2, group);
                u.setString(3, broker);
                u.setTimestamp(4, Timestamp.from(clock.instant()));
                u.executeUpdate();
            }
            return new BrokerSessions(ds, group, clientId, c);
        } catch (SQLException e) {
            closeQuietly(c);
            throw new IllegalStateException("cannot register broker client id '" + clientId + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(c);
            throw new IllegalStateException("interrupted while waiting for broker client id '" + clientId + "'", e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Drains the session of every member of the group whose hub is gone, one at a time, holding its lock meanwhile
     * (blocking: run on a worker). A member whose drain fails stays registered and is tried again on the next call.
     *
     * @param drain takes over and drains one client id's session (see {@link SharedSubscriptionSource#drainSession})
     * @return the client ids drained by this call
     */
    public List<String> adoptDeparted(Function<String, CompletionStage<Long>> drain) {
        if (!scanning.compareAndSet(false, true)) return List.of(); // a drain from the previous scan still runs
        try {
            return adoptDepartedNow(drain);
        } finally {
            scanning.set(false);
        }
    }

    private List<String> adoptDepartedNow(Function<String, CompletionStage<Long>> drain) {
        List<String> adopted = new ArrayList<>();
        List<String> members;
        try {
            members = otherMembers();
        } catch (SQLException e) {
            LOG.warning("cannot list the hubs of group " + group + ": " + e.getMessage());
            return adopted;
        }
        for (String member : members) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(true);
                if (!tryLock(c, member)) continue; // that hub runs
                try {
                    long n = drain.apply(member).toCompletableFuture().get(SharedSubscriptionSource.DRAIN_TIMEOUT_MILLIS + 30_000, TimeUnit.MILLISECONDS);
                    deregister(c, member);
                    adopted.add(member);
                    LOG.info("hub " + member + " is gone: drained its broker session (" + n + " messages) and removed it from group " + group);
                } catch (Exception e) {
                    LOG.warning("could not drain the broker session of departed hub " + member + ": " + e.getMessage() + "; will retry");
                } finally {
                    unlock(c, member);
                }
            } catch (SQLException e) {
                LOG.warning("cannot check hub " + member + " of group " + group + ": " + e.getMessage());
            }
        }
        return adopted;
    }

    /**
     * How many hubs of the group run now, this one included: the members whose advisory lock is held (read from
     * {@code pg_locks}, the same liveness {@link #adoptDeparted} relies on, never a heartbeat). A departed member
     * counts while another hub holds its lock to drain it, which is while its session still takes a share.
     * Blocking: run on a worker. At least 1.
     */
    public int liveMembers() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT count(*) FROM broker_session s WHERE s.shared_group = ?"
                     + " AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted"
                     + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
                     + " AND l.classid = ?::bigint::oid AND l.objsubid = 2"
                     + " AND l.objid = (hashtext(s.client_id)::bigint & 4294967295)::oid)")) {
            q.setString(1, group);
            q.setInt(2, LOCK_CLASS);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return Math.max(1, rs.getInt(1));
            }
        }
    }

    /** The other client ids registered in this group. */
    List<String> otherMembers() throws SQLException {
        try (Connection c = ds.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT client_id FROM broker_session WHERE shared_group = ? AND client_id <> ? ORDER BY client_id")) {
            q.setString(1, group);
            q.setString(2, clientId);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    /**
     * Records how this hub left: when its session was drained and ended, it is no longer a member; otherwise it
     * stays registered and another hub drains its session once this hub's lock is released ({@link #close()}).
     */
    public void left(boolean sessionEnded) {
        if (!sessionEnded) return;
        try {
            deregister(owner, clientId);
        } catch (SQLException e) {
            LOG.warning("cannot deregister broker client id " + clientId + ": " + e.getMessage());
        }
    }

    /** Releases this hub's lock: from now on, another hub may drain whatever session it left. */
    @Override
    public void close() {
        try {
            unlock(owner, clientId);
        } catch (RuntimeException e) {
            LOG.fine("unlock of " + clientId + " failed: " + e.getMessage());
        }
        closeQuietly(owner);
    }

    private static boolean tryLock(Connection c, String clientId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
            q.setInt(1, LOCK_CLASS);
            q.setString(2, clientId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static void unlock(Connection c, String clientId) {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
            q.setInt(1, LOCK_CLASS);
            q.setString(2, clientId);
            q.executeQuery().close();
        } catch (SQLException e) {
            LOG.fine("unlock of " + clientId + " failed: " + e.getMessage());
        }
    }

    private static void deregister(Connection c, String clientId) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM broker_session WHERE client_id = ?")) {
            d.setString(1, clientId);
            d.executeUpdate();
        }
    }

    private static void closeQuietly(Connection c) {
        if (c == null) return;
        try {
            c.close();
        } catch (SQLException ignored) {
            // the lock goes with the connection anyway
        }
    }
}
