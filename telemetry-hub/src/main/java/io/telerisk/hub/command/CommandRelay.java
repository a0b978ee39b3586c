package io.telerisk.hub.command;

import io.telerisk.hub.cluster.Notifications;
import io.telerisk.hub.ingest.EncodedCommand;
import io.telerisk.hub.ingest.IngestService;
import io.telerisk.model.Command;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.Vertx;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Commands to devices, whichever hub's built-in endpoint holds their connection (several hubs behind a TCP load
 * balancer). Sending goes:
 * <ol>
 *   <li>through the external broker when one is configured (it routes the command to the device);</li>
 *   <li>straight to the device when it is connected here and subscribed to its cmd topic, done when it acknowledges
 *       (PUBACK);</li>
 *   <li>otherwise (or when that fails) into the {@link CommandOutbox} in the system of record, announced with
 *       {@code NOTIFY} {@value #CHANNEL} naming the device, in the same transaction. The hub holding the device's
 *       connection (the only one that can reach it: the connection itself is that hub's) takes the device's pending
 *       rows ({@code FOR UPDATE SKIP LOCKED}), publishes each and marks it delivered once acknowledged.</li>
 * </ol>
 * Pending commands are also delivered when a device subscribes to its cmd topic on any hub (an offline device gets
 * them on reconnecting, within the outbox expiry, {@link OutboxLimits}), and every {@link #POLL} each hub looks for pending
 * commands of its devices (a notification lost while the listener reconnected, a delivery that failed, H2 with one
 * hub). Delivery is at least once: a command acknowledged just as its hub died is sent again, with the same command
 * id, which devices use to ignore a repeat.
 */
public final class CommandRelay implements Notifications.Handler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CommandRelay.class.getName());
    /** The NOTIFY channel; the payload is {@code tenant/type/deviceId}. */
    public static final String CHANNEL = "telerisk_command";
    /** How often each hub looks for pending commands of the devices connected to it, and prunes the outbox. */
    static final Duration POLL = Duration.ofSeconds(5);
    /** Longest wait for one command's acknowledgement (the endpoint's own timeout is shorter). */
    private static final long DELIVERY_WAIT_MS = 15_000;

    private final Vertx vertx;
    private final IngestService ingest;
    private final DataSource dataSource;
    private final Notifications notifications;
    private final Clock clock;
    private final CommandOutbox outbox;
    /** One delivery at a time per hub: it holds the device's rows while waiting for the device's acknowledgements. */
    private final ScheduledExecutorService deliverer;
    private final AtomicLong direct = new AtomicLong();
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    private CommandRelay(Vertx vertx, IngestService ingest, DataSource dataSource, Notifications notifications, Clock clock,
                         OutboxLimits limits) {
        this.vertx = vertx;
        this.outbox = new CommandOutbox(limits);
        this.ingest = ingest;
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.clock = clock;
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "command-relay");
            t.setDaemon(true);
            return t;
        });
        ex.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.deliverer = ex;
    }

    /**
     * Starts relaying for this hub: subscribes to {@value #CHANNEL} (call before {@link Notifications#start}), to the
     * built-in endpoint's cmd subscriptions, and polls every {@link #POLL}. The outbox keeps commands within
     * {@code limits}.
     */
    public static CommandRelay start(Vertx vertx, IngestService ingest, DataSource dataSource, Notifications notifications, Clock clock,
                                     OutboxLimits limits) {
        CommandRelay r = new CommandRelay(Objects.requireNonNull(vertx, "vertx"), Objects.requireNonNull(ingest, "ingest"),
                Objects.requireNonNull(dataSource, "dataSource"), Objects.requireNonNull(notifications, "notifications"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(limits, "limits"));
        notifications.on(CHANNEL, r);
        ingest.onCommandTopicSubscribed(r::reachable);
        r.deliverer.scheduleWithFixedDelay(r::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
        return r;
    }

    /** Sends one of the platform's commands as JSON, de-duplicated by its id; see {@link #send(DeviceKey, String, EncodedCommand)}. */
    public CompletionStage<Void> send(DeviceKey device, Command command) {
        return send(device, command.id(), new EncodedCommand("application/json", command.toJson()));
    }

    /**
     * Sends a command to a device. Completes when the broker took it, when the device acknowledged it, or when it is
     * kept in the outbox for the hub holding the device's connection (or for the device's next connection); fails only
     * when the outbox cannot be written.
     */
    public CompletionStage<Void> send(DeviceKey device, String commandId, EncodedCommand command) {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(command, "command");
        if (ingest.brokerRoutesCommands()) return ingest.publishCommand(device, command).toCompletionStage();
        if (ingest.reachesDirectly(device)) {
            return ingest.publishCommand(device, command).toCompletionStage()
                    .thenRun(direct::incrementAndGet)
                    .exceptionallyCompose(t -> keep(device, commandId, command));
        }
        return keep(device, commandId, command);
    }

    private CompletionStage<Void> keep(DeviceKey device, String commandId, EncodedCommand command) {
        return vertx.executeBlocking(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    outbox.add(c, device, commandId, command, clock.instant());
                    notifications.send(c, CHANNEL, key(device));
                    c.commit();
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                }
            }
            queued.incrementAndGet();
            reachable(device); // connected here meanwhile, or one hub on H2 (no notification)
            return (Void) null;
        }, false).toCompletionStage();
    }

    @Override
    public void message(String payload) {
        String[] p = payload.split("/", 3);
        if (p.length != 3) return;
        reachable(new DeviceKey(p[0], DeviceType.fromWire(p[1]), p[2]));
    }

    @Override
    public void resync(Instant lostAt) {
        submit(this::poll);
    }

    /** The device may be reachable here: deliver its pending commands if it is. */
    private void reachable(DeviceKey device) {
        if (ingest.reachesDirectly(device)) submit(() -> deliver(device));
    }

    private void submit(Runnable r) {
        if (closed) return;
        try {
            deliverer.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    private void poll() {
        try (Connection c = dataSource.getConnection()) {
            Instant now = clock.instant();
            outbox.prune(c, now);
            List<DeviceKey> devices = outbox.devicesWithPending(c, now, 10_000);
            for (DeviceKey d : devices) {
                if (closed) return;
                if (ingest.reachesDirectly(d)) deliver(d);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "pending commands not polled: " + e.getMessage());
        }
    }

    /** Delivers the device's pending commands in order, holding their rows; stops at the first that is not acknowledged. */
    private void deliver(DeviceKey device) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (CommandOutbox.Pending p : outbox.take(c, device, clock.instant())) {
                    boolean ok = deliverOne(p);
                    outbox.attempted(c, p.id(), ok, clock.instant());
                    if (!ok) break;
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.WARNING, "pending commands of " + device + " not delivered now: " + e.getMessage());
        }
    }

    private boolean deliverOne(CommandOutbox.Pending p) {
        CompletableFuture<Void> f = ingest.publishCommand(p.device(), p.command()).toCompletionStage().toCompletableFuture();
        try {
            f.get(DELIVERY_WAIT_MS, TimeUnit.MILLISECONDS);
            delivered.incrementAndGet();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            failed.incrementAndGet();
            LOG.log(Level.FINE, "command " + p.commandId() + " for " + p.device() + " not acknowledged: " + e.getMessage());
            return false;
        }
    }

    private static String key(DeviceKey d) {
        return d.tenant() + "/" + d.type().wireName() + "/" + d.deviceId();
    }

    /**
     * Counters since start: sent directly (acknowledged by a device connected here), queued in the outbox, delivered
     * from the outbox by this hub, deliveries from the outbox that failed (retried).
     */
    public Map<String, Long> counters() {
        return Map.of("direct", direct.get(), "queued", queued.get(), "delivered", delivered.get(), "failed", failed.get());
    }

    /** Stops delivering; commands not delivered yet stay in the outbox for any hub. */
    @Override
    public void close() {
        closed = true;
        deliverer.shutdown();
        try {
            deliverer.awaitTermination(DELIVERY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
