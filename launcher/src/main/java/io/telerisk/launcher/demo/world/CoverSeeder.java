package io.telerisk.launcher.demo.world;

import io.telerisk.model.DeviceType;
import io.telerisk.sim.fleet.SimDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Claims covers: every simulated vehicle has collision cover (its motor policy id), so a crash the fleet replays
 * opens a claim, and every farm sensor's field has parametric drought and excess-rain cover ({@code CROP-farm-00001}).
 * Policies incepted half a year before the replay and run a year. The drought-hit fields' covers carry an index the
 * replay triggers ({@link #droughtIndexOnStressedFields}).
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
                cropPolicy(p, id, cover(DROUGHT, "20000.00", "0.00", "USD"));
                farms++;
            } else {
                continue;
            }
            ctx.claims().upsertPolicy(ctx.tenant(), p);
        }
        return new Seeded(vehicles, farms);
    }

    private static JsonObject cropPolicy(JsonObject p, String farmId, JsonObject drought) {
        return p.put("policyId", cropPolicyId(farmId)).put("holder", "Farm of field " + farmId)
                .put("coverages", new JsonArray().add(drought).add(cover(EXCESS_RAIN, "15000.00", "0.00", "USD")));
    }

    /**
     * The crop policies of the drought-hit fields carry a drought index the replayed days trigger whatever the
     * simulated weather: the day's mean soil moisture below {@value #INDEX_DROUGHT_VWC} m³/m³ (above the field capacity
     * of every simulated soil) for {@value #INDEX_DROUGHT_DAYS} days pays 5 % of the sum insured (1,000.00, within the
     * automatic approval). Those fields' loans, linked to these covers months before, are then paid by a parametric
     * claim triggered after the link: the lender as loss payee, on the loan, the claim and the ledger.
     */
    static void droughtIndexOnStressedFields(SeedContext ctx, List<FieldSeeder.SeededField> fields) {
        Instant inception = ctx.simStart().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(180));
        for (FieldSeeder.SeededField f : fields) {
            if (!f.stressed()) continue;
            JsonObject drought = cover(DROUGHT, "20000.00", "0.00", "USD").put("terms", new JsonObject()
                    .put("wiltingPointVwc", INDEX_DROUGHT_VWC).put("triggerDays", INDEX_DROUGHT_DAYS)
                    .put("percentAtTrigger", "5").put("percentPerExtraDay", "0").put("maxPercent", "5"));
            ctx.claims().upsertPolicy(ctx.tenant(), cropPolicy(new JsonObject().put("deviceType", DeviceType.FARM_SENSOR.wireName())
                    .put("deviceId", f.fieldId()).put("inception", inception.toString())
                    .put("expiry", inception.plus(Duration.ofDays(365)).toString()), f.fieldId(), drought));
        }
    }

    static final double INDEX_DROUGHT_VWC = 0.55;
    static final int INDEX_DROUGHT_DAYS = 2;

    private static JsonObject cover(String code, String limit, String deductible, String currency) {
        return new JsonObject().put("code", code).put("limit", limit).put("deductible", deductible).put("currency", currency);
    }
}
