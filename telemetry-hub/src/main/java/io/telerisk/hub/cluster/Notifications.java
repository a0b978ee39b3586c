package io.telerisk.hub.cluster;

import io.telerisk.hub.store.jdbc.SqlDialect;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * PostgreSQL LISTEN/NOTIFY between the hubs of one system of record: a hub {@link #send sends} a short message on a
 * channel in its own transaction (delivered when it commits) and every hub's handler of that channel, its own
 * included, receives it at once.
 *
 * <p>One connection per hub listens (its own, outside the pool: {@link #listenerSource}), on its own thread; handlers run on that thread, so they hand slow
 * work off. When the listening connection breaks (database restart, a terminated backend), the thread reconnects
 * with a growing pause (up to 10 s) and then calls each channel's resync handler with the time the connection was
 * lost, since notifications sent meanwhile are gone: the handler reads what changed since from the tables, which stay
 * the truth (a notification only says "look now").
 *
 * <p>With H2 there is one hub: {@link #send} does nothing, as the acting hub already applies its own change, and no
 * thread runs.
 */
public final class Notifications implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Notifications.class.getName());
    /** How long {@code getNotifications} waits before the thread checks for close and the connection's health. */
    private static final int POLL_MS = 500;
    /** The connection is checked with a round trip this often when nothing arrives (a silent network cut). */
    private static final long CHECK_EVERY_MS = 10_000;
    private static final long MAX_PAUSE_MS = 10_000;

    /** What a channel's subscriber does with a message, and after a gap in which messages may have been lost. */
    public interface Handler {
        void message(String payload);

        /** Called after the listening connection was re-established; messages sent since {@code lostAt} may be lost. */
        void resync(Instant lostAt);
    }

    private final DataSource dataSource;
    private final boolean postgres;
    private final Clock clock;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final CountDownLatch firstListen = new CountDownLatch(1);
    private volatile boolean closed;
    private volatile Thread thread;
    private volatile long reconnects;

    private Notifications(DataSource dataSource, boolean postgres, Clock clock) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.clock = clock;
    }

    /**
     * Where the listening connection comes from: on PostgreSQL a connection of its own, outside the pool (it is held
     * for the hub's life, and the pool's few connections serve requests and ingest); otherwise the pool.
     */
    public static DataSource listenerSource(DataSource pool, SqlDialect dialect, String jdbcUrl, String user, String password) {
        if (dialect != SqlDialect.POSTGRESQL) return pool;
        org.postgresql.ds.PGSimpleDataSource ds = new org.postgresql.ds.PGSimpleDataSource();
        ds.setURL(jdbcUrl);
        if (user != null) ds.setUser(user);
        if (password != null && !password.isEmpty()) ds.setPassword(password);
        ds.setConnectTimeout(10);
        return ds;
    }

    /** Notifications on this system of record; only PostgreSQL carries them between hubs. */
    public static Notifications of(DataSource dataSource, SqlDialect dialect, Clock clock) {
        return new Notifications(Objects.requireNonNull(dataSource, "dataSource"), dialect == SqlDialect.POSTGRESQL,
                Objects.requireNonNull(clock, "clock"));
    }

    /** Whether messages travel between hubs (PostgreSQL), as opposed to a single hub on H2. */
    public boolean shared() {
        return postgres;
    }

    /** Subscribes to a channel (a plain identifier: letters, digits, underscores). Call before {@link #start}. */
    public Notifications on(String channel, Handler handler) {
        if (!channel.matches("[a-z_][a-z0-9_]{0,62}")) throw new IllegalArgumentException("not a channel name: " + channel);
        if (thread != null) throw new IllegalStateException("subscribe before start");
        handlers.put(channel, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Starts listening and waits (up to {@code timeoutMs}) until the channels are listened to, so that a hub that has
     * started receives every message sent after that. Does nothing on H2.
     */
    public Notifications start(long timeoutMs) throws InterruptedException {
        if (!postgres || handlers.isEmpty()) return this;
        Thread t = new Thread(this::run, "pg-notifications");
        t.setDaemon(true);
        thread = t;
        t.start();
        if (!firstListen.await(timeoutMs, TimeUnit.MILLISECONDS)) {
            LOG.warning("not yet listening for notifications after " + timeoutMs + " ms; retrying in the background");
        }
        return this;
    }

    /**
     * Sends a message on the connection of the caller's transaction: the listeners get it when that transaction
     * commits (at once in auto-commit), never if it rolls back. Does nothing on H2.
     */
    public void send(Connection c, String channel, String payload) throws SQLException {
        if (!postgres) return;
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, payload);
            ps.execute();
        }
    }

    /** Times the listening connection was re-established since start. */
    public long reconnects() {
        return reconnects;
    }

    private void run() {
        Instant lostAt = null;
        long pauseMs = 500;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    for (String ch : handlers.keySet()) s.execute("LISTEN " + ch);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                if (lostAt != null) {
                    reconnects++;
                    LOG.info("listening for notifications again (lost at " + lostAt + "); catching up");
                    Instant since = lostAt;
                    handlers.forEach((ch, h) -> resync(ch, h, since));
                    lostAt = null;
                }
                firstListen.countDown();
                pauseMs = 500;
                long lastCheck = System.currentTimeMillis();
                while (!closed) {
                    PGNotification[] ns = pg.getNotifications(POLL_MS);
                    if (ns != null) {
                        for (PGNotification n : ns) dispatch(n.getName(), n.getParameter());
                    } else if (System.currentTimeMillis() - lastCheck > CHECK_EVERY_MS) {
                        if (!c.isValid(5)) throw new SQLException("listening connection no longer valid");
                        lastCheck = System.currentTimeMillis();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) break;
                if (lostAt == null) lostAt = clock.instant();
                LOG.log(Level.WARNING, "notifications connection lost (" + e.getMessage() + "); reconnecting in " + pauseMs + " ms");
                try {
                    Thread.sleep(pauseMs);
                } catch (InterruptedException ie) {
                    break;
                }
                pauseMs = Math.min(MAX_PAUSE_MS, pauseMs * 2);
            }
        }
    }

    private void dispatch(String channel, String payload) {
        Handler h = handlers.get(channel);
        if (h == null) return;
        try {
            h.message(payload);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler of " + channel + " failed on '" + payload + "'", e);
        }
    }

    private static void resync(String channel, Handler h, Instant since) {
        try {
            h.resync(since);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "resync of " + channel + " failed", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t == null) return;
        try {
            t.join(POLL_MS * 4L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) t.interrupt();
    }
}
