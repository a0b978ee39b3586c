package io.telerisk.hub.registry;

import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Hands device status changes (connects, disconnects, status messages, last wills) to the shared
 * {@link DeviceStatusTracker} on one thread of its own, in the order the ingest told them: the ingest writer that
 * tells them must not wait for the database, and one thread keeps a device's online and offline in order.
 * A change the database refuses is logged and not retried: the device's next connect, status or message sets it.
 */
public final class DeviceStatusWrites implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DeviceStatusWrites.class.getName());
    private final DeviceStatusTracker tracker;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "device-status");
        t.setDaemon(true);
        return t;
    });

    public DeviceStatusWrites(DeviceStatusTracker tracker, Clock clock) {
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A status the ingest received, stamped now with the hub's clock (in arrival order behind the connection's data).
     *
     * @param session the built-in endpoint's connection, or null when an external broker relayed it (the device's
     *                own time then orders its sessions)
     */
    public void status(DeviceKey device, DeviceStatus status, DeviceSession session) {
        Instant at = clock.instant();
        DeviceSession s = session != null ? session : DeviceStatusTracker.brokerSession(status.time());
        boolean online = status.isOnline();
        thread.execute(() -> {
            try {
                if (online) tracker.online(device, s, at);
                else tracker.offline(device, s, at);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "device status of " + device + " not recorded: " + e.getMessage());
            }
        });
    }

    /** Writes what is queued (up to 10 s), then stops. */
    @Override
    public void close() throws InterruptedException {
        thread.shutdown();
        if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
            LOG.log(System.Logger.Level.WARNING, "device status changes still queued at shutdown were dropped");
            thread.shutdownNow();
        }
    }
}
