package io.telerisk.hub.claims;

import io.telerisk.hub.Hub;
import io.telerisk.hub.auth.Role;
import io.telerisk.hub.config.HubConfig;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.*;

/** Claims and the audit ledger survive a hub restart on the same data directory (H2 file database). */
class ClaimsLedgerRestartTest {
    @TempDir
    Path dataDir;

    @Test
    void ledgerContinuesItsChainAfterARestart() throws Exception {
        int entriesBefore;
        ClaimsHubFixture fx = ClaimsHubFixture.startOn(HubConfig.embedded(dataDir));
        String adjusterToken = fx.token(Role.ADJUSTER);
        try {
            open(fx, 1, "restart-1");
            JsonObject v = new JsonObject(fx.get("/api/v1/claims/ledger/verify", adjusterToken).body());
            assertTrue(v.getBoolean("valid"), v.encode());
            entriesBefore = v.getInteger("entries");
        } finally {
            fx.hub.close();
        }
        try (Hub again = Hub.start(HubConfig.embedded(dataDir))) {
            ClaimsApi claims = again.services().claims();
            assertTrue(claims.claims().find("acme", "CRASH-acme-restart-1").isPresent(), "claim kept across the restart");
            assertTrue(claims.ledger().verify().valid());
            ClaimsListener l = new ClaimsListener(claims, new io.telerisk.hub.work.WorkQueue(again.systemOfRecord().dataSource(), Clock.systemUTC()), Clock.systemUTC());
            l.accepted(ClaimsHubFixture.crashCandidate(2, "restart-2", Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS), 12.5));
            assertTrue(l.awaitIdle(60_000));
            l.close();
            var v = claims.ledger().verify();
            assertTrue(v.valid(), v.problem());
            assertTrue(v.entriesChecked() > entriesBefore, "new entries appended after the old head: " + v);
            assertEquals(1, claims.crashEventCount(new DeviceKey("acme", DeviceType.VEHICLE, "car-1"), "OPENED") - 1,
                    "one claim opened in each run");
        }
    }

    private static void open(ClaimsHubFixture fx, long seq, String candidate) throws InterruptedException {
        ClaimsListener l = new ClaimsListener(fx.claims(), new io.telerisk.hub.work.WorkQueue(fx.hub.systemOfRecord().dataSource(), Clock.systemUTC()), Clock.systemUTC());
        l.accepted(ClaimsHubFixture.crashCandidate(seq, candidate, Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS), 12.5));
        assertTrue(l.awaitIdle(60_000));
        l.close();
    }
}
