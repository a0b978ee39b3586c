package io.telerisk.hub;

import io.telerisk.hub.config.HubConfig;
import io.telerisk.hub.ingest.IngestConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Drains the disk spool of a hub that will not return (a dead machine whose disk survived, a decommissioned hub)
 * into the telemetry store, through the same code every hub runs on start: a hub with no MQTT source and no broker
 * session, whose ingest spool is the dead hub's, stores every spooled envelope and tells the listeners (summary
 * marks, crash candidates, loan requests go to the system of record as usual), then stops.
 *
 * <p><b>Exactly once.</b> The spool moves its head durably after each stored chunk, and holds a file lock while it is
 * open: a second replay (or the old hub coming back) finds only what was not replayed, and a replay while that hub
 * still runs fails at once ({@code spool ... is locked}) instead of reading the same records twice. A chunk replayed
 * again after a crash in the middle is absorbed by the store's idempotency.
 */
public final class SpoolRecovery {
    private SpoolRecovery() {
    }

    /**
     * What a replay did.
     *
     * @param envelopes envelopes stored from the spool
     * @param drained   whether the spool is empty (false: the store stayed unavailable until the timeout)
     */
    public record Result(long envelopes, boolean drained) {
    }

    /**
     * Replays the spool in {@code deadDataDir/spool} with the configuration of a hub of the same group ({@code config}:
     * its system of record and telemetry store). Its own data directory is a temporary one; its API listens on a free
     * loopback port and is not announced.
     *
     * @throws IllegalArgumentException when there is no spool in {@code deadDataDir}
     */
    public static Result replay(HubConfig config, Path deadDataDir, Duration timeout) throws IOException, InterruptedException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(timeout, "timeout");
        Path spool = deadDataDir.resolve("spool");
        if (!Files.isDirectory(spool)) throw new IllegalArgumentException("no spool in " + deadDataDir + " (expected the directory " + spool + ")");
        IngestConfig dead = config.ingest().withDataDir(deadDataDir).withBuiltIn(false, "127.0.0.1", 0)
                .withExternalBroker(null, config.ingest().sharedGroup(), config.ingest().clientId(), null, null);
        HubConfig replaying = config.withIngest(dead).withApi(config.api().withPort("127.0.0.1", 0));
        try (Hub hub = Hub.start(replaying)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (hub.ingest().status().spoolBytes() > 0 && System.nanoTime() < deadline) Thread.sleep(100);
            boolean drained = hub.ingest().status().spoolBytes() == 0;
            return new Result(hub.ingestStats().snapshot().spoolReplayed(), drained);
        }
    }
}
