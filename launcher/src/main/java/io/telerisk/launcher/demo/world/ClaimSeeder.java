package io.telerisk.launcher.demo.world;

import io.telerisk.hub.auth.Role;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Claims already in the ledger when the demo starts: losses reported by policyholders on the first vehicles before
 * the replayed period (so without telemetry: the loss is taken as the amount claimed, for an adjuster), decided by the
 * first demo adjuster: the repair quote approved (the payout is it capped at the 25,000 limit, less the 500
 * deductible), rejected, and one whose payout is above the four-eyes threshold approved once, waiting for the second
 * adjuster; one is still undecided. Crashes the fleet replays add device claims on top.
 */
final class ClaimSeeder {
    /** One seeded claim: its id, the vehicle, and the decision taken (or "awaiting second approval"). */
    record SeededClaim(String claimId, String deviceId, String decision, String status) {
    }

    /** {@code amount}: the approved loss (repair quote); the payout is it less the deductible. */
    private record Loss(String claimed, String description, String decision, String reasonCode, String amount) {
    }

    private static final List<Loss> LOSSES = List.of(
            new Loss("1800.00", "Rear-ended at a junction, bumper and tailgate", "adjust", "COVERED_AS_ASSESSED", "1800.00"),
            new Loss("4200.00", "Side swipe in a car park", "adjust", "AMOUNT_PER_REPAIR_QUOTE", "3650.00"),
            new Loss("2500.00", "Scratches found after parking overnight", "reject", "NO_LOSS_EVIDENCE", null),
            new Loss("14500.00", "Frontal collision with a van, airbags deployed", "adjust", "AMOUNT_PER_REPAIR_QUOTE", "14500.00"),
            new Loss("950.00", "Wing mirror knocked off", null, null, null));

    private ClaimSeeder() {
    }

    static List<SeededClaim> seed(SeedContext ctx) {
        List<DeviceKey> vehicles = ctx.fleet().deviceKeys().stream().filter(k -> k.type() == DeviceType.VEHICLE).toList();
        String adjuster = ctx.login(Role.ADJUSTER, 1).username();
        List<SeededClaim> out = new ArrayList<>();
        for (int i = 0; i < LOSSES.size() && i < vehicles.size(); i++) {
            Loss loss = LOSSES.get(i);
            String deviceId = vehicles.get(i).deviceId();
            // before the replay: the hub holds no telemetry of that day, as for most phoned-in losses
            Instant lossTime = ctx.simStart().minus(Duration.ofDays(3 + i)).plus(Duration.ofHours(8 + i));
            JsonObject claim = ctx.claims().report(ctx.tenant(), ctx.login(Role.ADJUSTER, 2).username(), new JsonObject()
                    .put("deviceType", "vehicle").put("deviceId", deviceId).put("lossTime", lossTime.toString()).put("collision", true)
                    .put("claimedAmount", loss.claimed()).put("description", loss.description()).put("reportedBy", "policyholder of " + deviceId));
            String claimId = claim.getString("claimId");
            if (loss.decision() != null) {
                JsonObject body = new JsonObject().put("decision", loss.decision()).put("reasonCode", loss.reasonCode());
                if (loss.amount() != null) body.put("amount", loss.amount());
                claim = ctx.claims().decide(ctx.tenant(), adjuster, claimId, body);
            }
            out.add(new SeededClaim(claimId, deviceId, loss.decision() == null ? "none" : loss.decision(), claim.getString("status")));
        }
        return out;
    }
}
