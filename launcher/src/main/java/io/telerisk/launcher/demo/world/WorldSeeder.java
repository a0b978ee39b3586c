package io.telerisk.launcher.demo.world;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seeds the demo world on a running hub, in the order the journeys need it: the insurer's plans and policy book,
 * claims covers, fields with a season of satellite scenes, loans decided on them (the approved ones disbursed, with
 * crop cover linked), and claims already in the ledger.
 * Every seeder goes through the hub's domain facades, the same code the REST API calls, so the world is what users
 * would have built by hand. Deterministic for a seed, a fleet and a date; blocking (seconds).
 */
public final class WorldSeeder {
    /**
     * What was seeded, for the welcome text and for tests.
     *
     * @param activePlans    plan ids with an active version
     * @param draft          "planId vN" of the draft awaiting a second insurer
     * @param motorPolicies  motor policies in the book (one per vehicle)
     * @param wellnessPolicies wellness policies in the book (one per wearable)
     * @param coveredVehicles vehicles with collision cover
     * @param coveredFarms   farms with parametric drought and excess-rain cover
     * @param fields         registered fields
     * @param skippedFields  simulated fields that could not be placed without overlap, with why
     * @param scenes         Sentinel-2 scenes ingested
     * @param loansByOutcome decided loan applications per outcome (APPROVE, REFER, DECLINE)
     * @param disbursed      approved loans disbursed, each with the field's crop cover linked
     * @param fallenDue      loans (decided last season, on fields harvested since) with instalments due: in arrears
     * @param claims         claims reported before the replay, with the decision taken
     */
    public record Seeded(List<String> activePlans, String draft, int motorPolicies, int wellnessPolicies, int coveredVehicles,
                         int coveredFarms, int fields, List<String> skippedFields, int scenes, Map<String, Integer> loansByOutcome,
                         int disbursed, List<String> fallenDue, List<String> claims) {
        public Seeded {
            activePlans = List.copyOf(activePlans);
            skippedFields = List.copyOf(skippedFields);
            loansByOutcome = Map.copyOf(loansByOutcome);
            fallenDue = List.copyOf(fallenDue);
            claims = List.copyOf(claims);
        }
    }

    private WorldSeeder() {
    }

    /** Seeds everything; {@code replayDays} is how many days the fleet replays (wellness tiers need that many worn days). */
    public static Seeded seed(SeedContext ctx, DemoRegion region, int replayDays) {
        PlanSeeder.Seeded plans = PlanSeeder.seed(ctx, replayDays);
        PolicyBookSeeder.Seeded book = PolicyBookSeeder.seed(ctx);
        CoverSeeder.Seeded covers = CoverSeeder.seed(ctx);
        FieldSeeder.Seeded fields = FieldSeeder.seed(ctx, region);
        CoverSeeder.droughtIndexOnStressedFields(ctx, fields.fields());
        List<LoanSeeder.SeededLoan> loans = LoanSeeder.seed(ctx, fields);
        LenderSeeder.Seeded lending = LenderSeeder.seed(ctx, loans);
        List<ClaimSeeder.SeededClaim> claims = ClaimSeeder.seed(ctx);
        Map<String, Integer> outcomes = new TreeMap<>();
        for (LoanSeeder.SeededLoan l : loans) outcomes.merge(l.outcome(), 1, Integer::sum);
        return new Seeded(plans.active(), plans.draftPlanId() + " v" + plans.draftVersion(), book.motor(), book.wellness(),
                covers.vehicles(), covers.farms(), fields.fields().size(), fields.skipped(), fields.scenes().size(), outcomes,
                lending.disbursed(), lending.fallenDue(),
                claims.stream().map(c -> c.claimId() + " " + c.deviceId() + " " + c.decision() + " -> " + c.status()).toList());
    }
}
