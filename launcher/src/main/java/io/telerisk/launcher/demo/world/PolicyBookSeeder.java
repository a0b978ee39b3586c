package io.telerisk.launcher.demo.world;

import io.telerisk.hub.pricing.PolicyBookApi;
import io.telerisk.model.DeviceType;
import io.telerisk.sim.Rng;
import io.telerisk.sim.fleet.SimDevice;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The insurer's policy books, one per product line (what impact analysis re-rates): one motor policy per simulated vehicle ({@code MOT-veh-00001}) and one wellness policy
 * per wearable ({@code WEL-wear-00001}), with the plan variables a proposal form would give (drawn from the seed;
 * a wearer's age is the simulated wearer's) and a current premium, so impact analysis has a book to re-rate.
 */
final class PolicyBookSeeder {
    private static final String[] TERRITORIES = {"london", "urban", "suburban", "rural"};

    /** Policies stored per product line. */
    record Seeded(int motor, int wellness) {
    }

    private PolicyBookSeeder() {
    }

    static String motorPolicyId(String vehicleId) {
        return "MOT-" + vehicleId;
    }

    static String wellnessPolicyId(String wearableId) {
        return "WEL-" + wearableId;
    }

    static Seeded seed(SeedContext ctx) {
        JsonArray motor = new JsonArray();
        JsonArray wellness = new JsonArray();
        for (SimDevice d : ctx.fleet().devices()) {
            Rng rng = new Rng(Rng.derive(ctx.seed(), "demo-policy", d.index() * 3L + d.key().type().ordinal()));
            if (d.key().type() == DeviceType.VEHICLE) {
                motor.add(new JsonObject().put("policyId", motorPolicyId(d.key().deviceId())).put("productLine", "motor")
                        .put("deviceId", d.key().deviceId())
                        .put("inputs", new JsonObject(Map.of("driverAge", rng.uniformInt(18, 82), "vehicleGroup", rng.uniformInt(1, 50),
                                "territory", TERRITORIES[rng.uniformInt(0, TERRITORIES.length - 1)], "noClaimsYears", rng.uniformInt(0, 9))))
                        .put("currentPremium", money(rng.uniform(280, 720))));
            } else if (d.key().type() == DeviceType.WEARABLE) {
                wellness.add(new JsonObject().put("policyId", wellnessPolicyId(d.key().deviceId())).put("productLine", "wellness")
                        .put("deviceId", d.key().deviceId())
                        .put("inputs", new JsonObject(Map.of("age", Math.min(75, Math.max(18, d.fitness().ageYears())),
                                "smoker", rng.chance(0.2) ? "yes" : "no")))
                        .put("currentPremium", money(rng.uniform(90, 240))));
            }
        }
        for (JsonArray line : List.of(motor, wellness)) {
            for (int from = 0; from < line.size(); from += PolicyBookApi.MAX_POLICIES_PER_REQUEST) {
                JsonArray chunk = new JsonArray(line.getList().subList(from, Math.min(line.size(), from + PolicyBookApi.MAX_POLICIES_PER_REQUEST)));
                var r = ctx.pricing().book().upsert(ctx.tenant(), new JsonObject().put("policies", chunk));
                if (r.status() / 100 != 2) throw new IllegalStateException("demo policy book not stored (" + r.status() + "): " + r.body());
            }
        }
        return new Seeded(motor.size(), wellness.size());
    }

    private static String money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
