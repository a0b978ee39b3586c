package io.telerisk.hub.mqtt;

import io.vertx.core.Vertx;

import java.sql.SQLException;
import java.time.Duration;
import java.util.function.IntConsumer;
import java.util.logging.Logger;

/**
 * Keeps the {@code $share} path's device rate divided by the number of live hubs of the shared group
 * ({@link BrokerSessions#liveMembers()}), sampled every {@link #EVERY} on a worker: never a query on the event loop.
 * A failed sample keeps the last count (and is logged), so a database hiccup changes no device's budget.
 */
public final class LiveHubCount implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LiveHubCount.class.getName());
    /** How stale the count may be: a hub that joins or leaves changes every device's budget within this. */
    public static final Duration EVERY = Duration.ofSeconds(5);

    private final Vertx vertx;
    private final long timer;

    private LiveHubCount(Vertx vertx, long timer) {
        this.vertx = vertx;
        this.timer = timer;
    }

    /**
     * Samples once now (blocking: call it from the hub's start-up, not an event loop), then every {@link #EVERY}.
     *
     * @param to takes each count (on a worker thread)
     */
    public static LiveHubCount start(Vertx vertx, BrokerSessions sessions, IntConsumer to) {
        sample(sessions, to);
        long timer = vertx.setPeriodic(EVERY.toMillis(), id -> vertx.executeBlocking(() -> {
            sample(sessions, to);
            return null;
        }, false));
        return new LiveHubCount(vertx, timer);
    }

    private static void sample(BrokerSessions sessions, IntConsumer to) {
        try {
            to.accept(sessions.liveMembers());
        } catch (SQLException e) {
            LOG.warning("cannot count the live hubs of the shared group (the $share device rate keeps its last division): " + e.getMessage());
        }
    }

    @Override
    public void close() {
        vertx.cancelTimer(timer);
    }
}
