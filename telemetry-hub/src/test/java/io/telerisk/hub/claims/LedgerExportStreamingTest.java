package io.telerisk.hub.claims;

import io.telerisk.claims.ledger.LedgerEntry;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ledger export of a large ledger (20,000 entries, ~30 MB of JSON lines) on PostgreSQL is streamed: the hub
 * answers while its database cursor is still open, a client that stops reading holds the export where it is (the
 * hub does not read ahead into its heap), and once read to the end the file is complete, in order, and every entry
 * recomputes to its hash.
 */
class LedgerExportStreamingTest {
    static final int ENTRIES = 20_000;
    /** Each note carries a kilobyte, so the export is far larger than what sockets and the hub's one chunk can hold. */
    static final String NOTE = "n".repeat(1000);
    private static ClaimsHubFixture fx;
    private static String claimId;

    @BeforeAll
    static void start() throws Exception {
        fx = ClaimsHubFixture.start(ClaimsHubFixture.Db.POSTGRES);
        ClaimsListener l = new ClaimsListener(fx.claims(), new io.telerisk.hub.work.WorkQueue(fx.hub.systemOfRecord().dataSource(), Clock.systemUTC()), Clock.systemUTC());
        try {
            l.accepted(ClaimsHubFixture.crashCandidate(1, "export-1", Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS), 12.5));
            assertTrue(l.awaitIdle(60_000), "listener did not finish");
        } finally {
            l.close();
        }
        claimId = "CRASH-acme-export-1";
        Instant at = Instant.now();
        for (int i = 0; i < ENTRIES; i++) {
            fx.claims().ledger().append(claimId, at.plusMillis(i), "OPEN", "OPEN", "acme-adjuster", "NOTE", i % 10 == 0 ? new BigDecimal("12.50") : null, NOTE + i);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (fx != null) fx.close();
    }

    @Test
    void aLargeExportIsStreamedWhileItsCursorIsOpenAndArrivesWholeAndVerified() throws Exception {
        String adjuster = fx.token(Role.ADJUSTER);
        long total = new JsonObject(fx.get("/api/v1/claims/ledger?limit=1", adjuster).body()).getLong("total");
        assertTrue(total > ENTRIES, "the seeded notes and the claim's own entries: " + total);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(fx.hub.apiUrl() + "/api/v1/claims/ledger/export?format=jsonl"))
                .header("Authorization", "Bearer " + adjuster).timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("Content-Length").isPresent(), "a streamed answer has no length up front: " + r.headers().map());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String first = in.readLine();
            assertTrue(first != null && first.startsWith("{"), first);
            // the client has read one line and pauses: the hub must still be inside its read of the ledger, held by
            // the client's pace, not done with the whole export in memory
            assertTrue(exportCursorOpen(true), "the hub's export query is still open while the client has read one line of " + total);

            long lines = 1, previous = new JsonObject(first).getLong("sequence");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonObject e = new JsonObject(line);
                long seq = e.getLong("sequence");
                assertTrue(seq > previous, "in sequence order: " + previous + " then " + seq);
                previous = seq;
                if (lines % 997 == 0 || line.length() < 200) assertEntryRecomputes(e);
                lines++;
            }
            assertEquals(total, lines, "one line per entry of the tenant, none lost or doubled");
        }
        assertFalse(exportCursorOpen(false), "the export's query is closed once the client has it all");
        JsonObject verify = new JsonObject(fx.get("/api/v1/claims/ledger/verify", adjuster).body());
        assertTrue(verify.getBoolean("valid"), verify.encode());
        assertEquals(total, verify.getLong("entries"));
    }

    @Test
    void aCsvExportOfTheLargeLedgerHasAHeaderAndEveryEntry() throws Exception {
        String adjuster = fx.token(Role.ADJUSTER);
        long total = new JsonObject(fx.get("/api/v1/claims/ledger?limit=1", adjuster).body()).getLong("total");
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fx.hub.apiUrl() + "/api/v1/claims/ledger/export?format=csv")).header("Authorization", "Bearer " + adjuster).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"), r.headers().map().toString());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertEquals(LedgerReads.CSV_HEADER.strip(), in.readLine());
            long rows = in.lines().filter(l -> !l.isBlank()).count(); // the seeded details hold no newline
            assertEquals(total, rows);
        }
    }

    private static void assertEntryRecomputes(JsonObject e) {
        LedgerEntry entry = new LedgerEntry(e.getLong("sequence"), e.getString("claimId"), Instant.parse(e.getString("at")),
                e.getString("fromState"), e.getString("toState"), e.getString("actor"), e.getString("reasonCode"),
                e.getString("amount") == null ? null : new BigDecimal(e.getString("amount")), e.getString("detail"),
                e.getString("previousHash"), e.getString("hash"));
        assertEquals(e.getString("hash"), entry.recomputeHash(), "entry " + e.getLong("sequence") + " as exported recomputes to its hash");
    }

    /**
     * Whether a session of the hub is inside the export's ledger query (PostgreSQL's own view of its sessions), polled
     * for a few seconds until it is {@code awaited}; the last answer.
     */
    private static boolean exportCursorOpen(boolean awaited) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        try (Connection c = DriverManager.getConnection(fx.pg.jdbcUrl(), fx.pg.user(), fx.pg.password());
             PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid()"
                     + " AND state IN ('active', 'idle in transaction') AND query LIKE '%FROM claims_ledger l JOIN claims_claim c%ORDER BY l.seq'")) {
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    boolean open = rs.getLong(1) > 0;
                    if (open == awaited || System.nanoTime() > until) return open;
                }
                Thread.sleep(100);
            }
        }
    }
}
