package io.telerisk.launcher.demo.world;

import io.telerisk.model.DeviceType;
import io.telerisk.sim.fleet.SimDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Claims covers: every simulated vehicle has collision cover (its motor policy id), so a crash the fleet replays
 * opens a claim, and every farm sensor's field has parametric drought and excess-rain cover ({@code CROP-farm-00001}).
 * Policies incepted half a year before the replay and run a year.
 */
final class CoverSeeder {
    static final String COLLISION = io.telerisk.hub.claims.ClaimsApi.CRASH_COVER;
    static final String DROUGHT = "DROUGHT";
    static final String EXCESS_RAIN = "EXCESS_RAIN";

    /** Policies stored: vehicles with collision cover, farms with parametric covers. */
    record Seeded(int vehicles, int farms) {
    }

    private CoverSeeder() {
    }

    static String cropPolicyId(String farmDeviceId) {
        return "CROP-" + farmDeviceId;
    }

    static Seeded seed(SeedContext ctx) {
        Instant inception = ctx.simStart().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(180));
        Instant expiry = inception.plus(Duration.ofDays(365));
        int vehicles = 0, farms = 0;
        for (SimDevice d : ctx.fleet().devices()) {
            String id = d.key().deviceId();
            JsonObject p = new JsonObject().put("deviceType", d.key().type().wireName()).put("deviceId", id)
                    .put("inception", inception.toString()).put("expiry", expiry.toString());
            if (d.key().type() == DeviceType.VEHICLE) {
                p.put("policyId", PolicyBookSeeder.motorPolicyId(id)).put("holder", "Driver of " + id)
                        .put("coverages", new JsonArray().add(cover(COLLISION, "25000.00", "500.00", "GBP")));
                vehicles++;
            } else if (d.key().type() == DeviceType.FARM_SENSOR) {
                p.put("policyId", cropPolicyId(id)).put("holder", "Farm of field " + id)
                        .put("coverages", new JsonArray().add(cover(DROUGHT, "20000.00", "0.00", "USD"))
                                .add(cover(EXCESS_RAIN, "15000.00", "0.00", "USD")));
                farms++;
            } else {
                continue;
            }
            ctx.claims().upsertPolicy(ctx.tenant(), p);
        }
        return new Seeded(vehicles, farms);
    }

    private static JsonObject cover(String code, String limit, String deductible, String currency) {
        return new JsonObject().put("code", code).put("limit", limit).put("deductible", deductible).put("currency", currency);
    }
}
