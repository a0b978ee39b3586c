package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.InjuryRiskCurve;
import io.telerisk.claims.assessment.Severity;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What {@code GET /api/v1/claims/injury-risk} answers: the curve the assessor reads every crash's P(MAIS3+) from,
 * sampled by the engine's own function ({@link InjuryRiskCurve#mais3PlusRisk}) with the severity each point falls in,
 * and the curve's coefficients and source. A chart drawn from these points cannot disagree with the assessments.
 */
final class InjuryRiskCurveView {
    /** Delta-V range sampled, km/h: past the 50 % point of the default curve (68.4 km/h) and the severe band. */
    static final int MAX_KMH = 120, STEP_KMH = 2;

    private InjuryRiskCurveView() {
    }

    static JsonObject of(InjuryRiskCurve curve) {
        JsonArray points = new JsonArray();
        for (int v = 0; v <= MAX_KMH; v += STEP_KMH) {
            double p = curve.mais3PlusRisk(v);
            points.add(new JsonObject().put("deltaVKmh", v).put("mais3PlusRisk", p).put("severity", Severity.ofRisk(p).name()));
        }
        return new JsonObject().put("outcome", "MAIS3+").put("source", curve.source()).put("beta0", curve.beta0())
                .put("beta1", curve.beta1()).put("speedUnit", curve.speedUnit().name()).put("points", points);
    }
}
