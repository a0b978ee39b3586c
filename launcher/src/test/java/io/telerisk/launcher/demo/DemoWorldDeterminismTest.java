package io.telerisk.launcher.demo;

import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Same seed, same world: two demo worlds seeded from one seed in two data directories serve the same plans, policy
 * book, fields, NDVI series, loan decisions and reported claims (minus what is stamped with the wall clock: save
 * times, application ids, loss instants); another seed gives another world.
 */
class DemoWorldDeterminismTest {
    @TempDir
    Path dir;

    @Test
    void theSameSeedSeedsTheSameWorldAndAnotherSeedAnotherOne() {
        List<String> first = fingerprint(dir.resolve("a"), DemoWorldFixture.SETTINGS);
        List<String> second = fingerprint(dir.resolve("b"), DemoWorldFixture.SETTINGS);
        assertEquals(first, second);
        List<String> other = fingerprint(dir.resolve("c"), DemoWorldFixture.SETTINGS.withSeed(7));
        assertNotEquals(first, other);
    }

    private static List<String> fingerprint(Path dataDir, DemoWorld.Settings settings) {
        List<String> out = new ArrayList<>();
        try (DemoWorldFixture demo = DemoWorldFixture.start(dataDir, settings)) {
            for (Object p : demo.get(Role.INSURER, 1, "/api/v1/pricing/plans").json().getJsonArray("items")) {
                String planId = ((JsonObject) p).getString("planId");
                for (Object v : demo.get(Role.INSURER, 1, "/api/v1/pricing/plans/" + planId + "/versions").json().getJsonArray("items")) {
                    JsonObject version = (JsonObject) v;
                    out.add("plan " + without(version, "savedAt", "approvedAt").encode());
                }
            }
            for (Object p : demo.get(Role.INSURER, 1, "/api/v1/pricing/policies").json().getJsonArray("items")) {
                out.add("policy " + without((JsonObject) p, "updatedAt").encode());
            }
            for (Object f : items(demo.get(Role.OPERATOR, 1, "/api/v1/agri/fields"))) {
                JsonObject field = (JsonObject) f;
                out.add("field " + without(field, "registeredAt").encode());
                JsonArray ndvi = demo.get(Role.OPERATOR, 1, "/api/v1/agri/fields/" + field.getString("fieldId") + "/ndvi").json()
                        .getJsonArray("points");
                out.add("ndvi " + field.getString("fieldId") + " " + rounded(ndvi));
            }
            for (Object l : items(demo.get(Role.OPERATOR, 1, "/api/v1/agri/loans"))) {
                JsonObject loan = (JsonObject) l;
                // decided now: the schedule's dates and the application id follow the wall clock, amounts and reasons do not
                out.add("loan " + loan.getString("fieldId") + " " + loan.getString("outcome") + " " + loan.getString("reason") + " "
                        + loan.getString("amountRequested") + " " + loan.getString("approvedAmount") + " " + loan.getString("limit")
                        + " " + loan.getString("grade"));
            }
            for (Object c : demo.get(Role.ADJUSTER, 1, "/api/v1/claims/queue").json().getJsonArray("items")) {
                JsonObject claim = (JsonObject) c;
                if (!"REPORTED".equals(claim.getString("source"))) continue; // crashes of the running replay come and go
                out.add("claim " + claim.getString("deviceId") + " " + claim.getString("status") + " " + claim.getString("amount"));
            }
        }
        return out;
    }

    private static JsonArray items(DemoWorldFixture.Reply r) {
        return r.json().getJsonArray("items");
    }

    /** Zonal statistics to 9 significant digits: summation order may move the last bit of a standard deviation. */
    private static String rounded(JsonArray points) {
        StringBuilder b = new StringBuilder();
        for (Object o : points) {
            JsonObject p = (JsonObject) o;
            for (String k : new java.util.TreeSet<>(p.fieldNames())) {
                Object v = p.getValue(k);
                b.append(k).append('=').append(v instanceof Double d ? String.format(java.util.Locale.ROOT, "%.9g", d) : v).append(' ');
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static JsonObject without(JsonObject o, String... keys) {
        JsonObject c = o.copy();
        for (String k : keys) c.remove(k);
        return c;
    }
}
