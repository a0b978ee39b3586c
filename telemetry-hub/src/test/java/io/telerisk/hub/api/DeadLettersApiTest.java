package io.telerisk.hub.api;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.ingest.DeadLetter;
import io.telerisk.model.codec.RejectReason;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators find dead letters by reason, device and period, a page at a time, with the number of matches. */
class DeadLettersApiTest {
    private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    private static ApiFixture hub;

    @BeforeAll
    static void start() throws Exception {
        hub = ApiFixture.start(ApiFixture.Db.H2);
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String device = i % 3 == 0 ? "car-1" : "watch-1";
            String type = i % 3 == 0 ? "vehicle" : "wearable";
            RejectReason reason = i % 2 == 0 ? RejectReason.MALFORMED : RejectReason.OUT_OF_RANGE;
            letters.add(DeadLetter.of(T0.plusSeconds(60L * i), reason, "test " + i, "v1/acme/" + type + "/" + device + "/telemetry",
                    "test", "application/json", "{}".getBytes()));
        }
        letters.add(DeadLetter.of(T0, RejectReason.MALFORMED, "other tenant", "v1/rival/vehicle/car-1/telemetry", "test", null, new byte[0]));
        hub.deadLetters.append(letters);
    }

    @AfterAll
    static void stop() throws Exception {
        hub.close();
    }

    private static JsonObject list(String query) {
        HttpResponse<String> r = hub.get("/api/v1/dead-letters?" + query, hub.token(Role.OPERATOR));
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    void filtersByReasonDeviceAndPeriodCountEveryMatch() {
        assertEquals(30, list("").getInteger("total"), "the operator's own tenant");
        assertEquals(15, list("reason=malformed").getInteger("total"));
        assertEquals(10, list("device=car-1").getInteger("total"));
        assertEquals(5, list("device=car-1&reason=MALFORMED").getInteger("total"), "i = 0, 6, 12, 18, 24");
        JsonObject period = list("from=" + T0.plusSeconds(600) + "&to=" + T0.plusSeconds(1200));
        assertEquals(10, period.getInteger("total"), "[from, to): minutes 10..19");
        HttpResponse<String> all = hub.get("/api/v1/dead-letters?tenant=*", hub.token(Role.PLATFORM_OPERATOR));
        assertEquals(31, new JsonObject(all.body()).getInteger("total"), "every tenant's, for the platform operator: " + all.body());
        assertEquals(403, hub.get("/api/v1/dead-letters?tenant=*", hub.token(Role.OPERATOR)).statusCode(), "a tenant operator: its own only");
    }

    @Test
    void aPlatformOperatorReadingAnotherTenantsDeadLettersGetsNoPayloads() {
        JsonObject own = list("limit=1").getJsonArray("items").getJsonObject(0);
        assertEquals("{}", own.getString("payloadText"), "the tenant's own operator sees the payload");
        for (String query : List.of("tenant=*", "tenant=rival")) {
            HttpResponse<String> r = hub.get("/api/v1/dead-letters?" + query, hub.token(Role.PLATFORM_OPERATOR));
            assertEquals(200, r.statusCode(), r.body());
            JsonObject first = new JsonObject(r.body()).getJsonArray("items").getJsonObject(0);
            assertEquals("withheld", first.getString("payload"), query + ": " + first);
            assertFalse(first.containsKey("payloadText") || first.containsKey("payloadBase64"), query + ": " + first);
            assertTrue(first.containsKey("reason") && first.containsKey("payloadBytes"), "reasons and sizes stay: " + first);
        }
        HttpResponse<String> home = hub.get("/api/v1/dead-letters?limit=1", hub.token(Role.PLATFORM_OPERATOR));
        assertEquals("{}", new JsonObject(home.body()).getJsonArray("items").getJsonObject(0).getString("payloadText"),
                "its own tenant's payloads it sees");
    }

    @Test
    void pagesAreNewestFirstAndDoNotOverlap() {
        JsonObject first = list("limit=4");
        JsonObject second = list("limit=4&offset=4");
        assertEquals(4, first.getJsonArray("items").size());
        assertEquals(T0.plusSeconds(60L * 29).toString(), first.getJsonArray("items").getJsonObject(0).getString("receivedAt"));
        assertEquals(T0.plusSeconds(60L * 25).toString(), second.getJsonArray("items").getJsonObject(0).getString("receivedAt"));
        assertEquals(30, second.getInteger("total"));
        assertEquals(4, second.getInteger("offset"));
    }

    @Test
    void anUnknownReasonIsABadRequestNamingTheAcceptedOnes() {
        HttpResponse<String> r = hub.get("/api/v1/dead-letters?reason=gremlins", hub.token(Role.OPERATOR));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("malformed"), r.body());
    }
}
