package io.telerisk.launcher.demo.world;

import io.telerisk.hub.auth.Role;
import io.telerisk.hub.pricing.PricingApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/**
 * The insurer's catalogue: the pricing engine's bundled pay-how-you-drive and wellness plans, authored by the first
 * demo insurer, approved by the second and active; and a second motor version saved as a draft, awaiting a second
 * insurer's approval. The wellness plan asks for as few worn days as the replay gives, so its tiers are reachable
 * with the demo's data; each plan takes effect on 1 January of the year before the demo's start, so any recent
 * period quotes.
 */
final class PlanSeeder {
    static final String MOTOR = "motor-payd-gb";
    static final String WELLNESS = "wellness-nl";

    /** What the catalogue holds after seeding. */
    record Seeded(List<String> active, String draftPlanId, int draftVersion) {
    }

    private PlanSeeder() {
    }

    static Seeded seed(SeedContext ctx, int replayDays) {
        PricingApi pricing = ctx.pricing();
        String author = ctx.login(Role.INSURER, 1).username();
        String approver = ctx.login(Role.INSURER, 2).username();
        LocalDate effectiveFrom = LocalDate.of(ctx.simStart().atZone(java.time.ZoneOffset.UTC).getYear() - 1, 1, 1);

        JsonObject motor = bundled(MOTOR).put("effectiveFrom", effectiveFrom.toString()).put("author", author);
        JsonObject wellness = bundled(WELLNESS).put("effectiveFrom", effectiveFrom.toString()).put("author", author);
        int minWorn = Math.max(1, replayDays - 2);
        wellness.getJsonObject("wellness").put("minWornDays", minWorn);
        // the bundled "too few worn days" case must stay below the demo's threshold to keep testing that rule
        for (Object t : wellness.getJsonArray("tests")) {
            JsonObject profile = ((JsonObject) t).getJsonObject("profile");
            if (profile.getInteger("wornDays") < 60) profile.put("wornDays", minWorn - 1);
        }
        wellness.put("notes", wellness.getString("notes") + " Demo: " + minWorn + " worn days suffice (the demo replays "
                + replayDays + " days).");
        activate(pricing, ctx.tenant(), author, approver, motor);
        activate(pricing, ctx.tenant(), author, approver, wellness);

        // version 2: dearer harsh driving (no test case falls in that band, so it passes its tests and only waits for approval)
        JsonObject draft = motor.copy().put("version", 2).put("notes", "Demo draft: harsh events 1.5-3 per 100 km at 1.18 (was 1.12).");
        for (Object f : draft.getJsonArray("factors")) {
            JsonObject factor = (JsonObject) f;
            if (!"harshEventsPer100Km".equals(factor.getString("variable"))) continue;
            for (Object b : factor.getJsonArray("bands")) {
                JsonObject band = (JsonObject) b;
                if (Double.valueOf(1.5).equals(band.getDouble("over"))) band.put("relativity", 1.18);
            }
        }
        created(pricing.createPlan(ctx.tenant(), author, draft.encode()), MOTOR + " v2");
        return new Seeded(List.of(MOTOR, WELLNESS), MOTOR, 2);
    }

    private static void activate(PricingApi pricing, String tenant, String author, String approver, JsonObject doc) {
        String planId = doc.getString("planId");
        int version = doc.getInteger("version");
        JsonObject saved = created(pricing.createPlan(tenant, author, doc.encode()), planId);
        JsonArray blockers = saved.getJsonArray("approvalBlockers");
        if (blockers != null && !blockers.isEmpty()) throw new IllegalStateException("demo plan " + planId + " cannot be approved: " + blockers);
        JsonObject key = new JsonObject().put("version", version);
        pricing.approve(tenant, approver, planId, key);
        pricing.activate(tenant, planId, key);
    }

    private static JsonObject created(io.telerisk.hub.pricing.PricingReply r, String what) {
        if (r.status() / 100 != 2) throw new IllegalStateException("demo plan " + what + " not saved (" + r.status() + "): " + r.body());
        return r.body();
    }

    private static JsonObject bundled(String planId) {
        String resource = "/plans/" + planId + ".json";
        try (InputStream in = PlanSeeder.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("pricing-engine's bundled plan " + resource + " is missing");
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
