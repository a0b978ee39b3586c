package io.telerisk.hub.pricing;

import io.telerisk.pricing.catalog.StoredPlan;
import io.telerisk.pricing.glm.GlmFit;
import io.telerisk.pricing.impact.ImpactReport;
import io.telerisk.pricing.plan.PlanDocumentWriter;
import io.telerisk.pricing.plan.RatingPlan;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.util.Map;

/** The pricing API's JSON shapes, field by field (money as decimal strings, times as ISO-8601 UTC). */
final class PricingJson {
    private PricingJson() {
    }

    /** A plan version's lifecycle state; with its document when {@code withDocument}. */
    static JsonObject plan(StoredPlan p, boolean withDocument) {
        RatingPlan d = p.document();
        JsonObject o = new JsonObject().put("planId", d.key().planId()).put("version", d.key().version())
                .put("status", p.status().name()).put("name", d.name()).put("productLine", d.productLine())
                .put("jurisdiction", d.jurisdiction() == null ? null : d.jurisdiction().toString()).put("currency", d.currency())
                .put("effectiveFrom", d.effectiveFrom() == null ? null : d.effectiveFrom().toString())
                .put("author", p.author()).put("savedAt", p.savedAt().toString()).put("approver", p.approver())
                .put("approvedAt", p.approvedAt() == null ? null : p.approvedAt().toString())
                .put("retiredOn", p.retiredOn() == null ? null : p.retiredOn().toString())
                .put("deviationOf", d.deviation() == null ? null : d.deviation().base().toString());
        if (withDocument) o.put("document", new JsonObject(PlanDocumentWriter.toJson(d)));
        return o;
    }

    static JsonObject policy(JdbcPolicyBook.Policy p) {
        return new JsonObject().put("policyId", p.policyId()).put("productLine", p.productLine()).put("deviceId", p.deviceId())
                .put("inputs", new JsonObject(p.ratingInputs())).put("priorAdjustment", p.priorAdjustment())
                .put("currentPremium", p.currentPremium() == null ? null : p.currentPremium().toPlainString())
                .put("updatedAt", p.updatedAt().toString());
    }

    static JsonObject impact(ImpactReport r) {
        JsonObject failures = new JsonObject();
        r.failures().forEach(failures::put);
        JsonObject pct = new JsonObject();
        for (Map.Entry<Integer, Double> e : r.percentiles().entrySet()) {
            pct.put("p" + e.getKey(), Double.isFinite(e.getValue()) ? e.getValue() : null);
        }
        JsonArray hist = new JsonArray();
        for (ImpactReport.Bucket b : r.histogram()) {
            hist.add(new JsonObject().put("fromPercent", Double.isFinite(b.fromPercent()) ? b.fromPercent() : null)
                    .put("toPercent", Double.isFinite(b.toPercent()) ? b.toPercent() : null).put("policies", b.policies()));
        }
        return new JsonObject()
                .put("draft", new JsonObject().put("planId", r.draft().planId()).put("version", r.draft().version()))
                .put("active", new JsonObject().put("planId", r.active().planId()).put("version", r.active().version()))
                .put("policies", r.policies()).put("rated", r.rated()).put("failures", failures)
                .put("failureExamples", new JsonArray(r.failureExamples()))
                .put("totalActive", r.totalActive().toPlainString()).put("totalDraft", r.totalDraft().toPlainString())
                .put("totalChangePercent", r.totalChangePercent().toPlainString())
                .put("increased", r.increased()).put("decreased", r.decreased()).put("unchanged", r.unchanged())
                .put("percentiles", pct).put("histogram", hist)
                .put("draftLimits", new JsonObject().put("capped", r.draftCapped()).put("floored", r.draftFloored())
                        .put("minimumPremium", r.draftMinimumPremium()))
                .put("activeLimits", new JsonObject().put("capped", r.activeCapped()).put("floored", r.activeFloored())
                        .put("minimumPremium", r.activeMinimumPremium()))
                .put("report", r.format());
    }

    static JsonObject fit(GlmFit fit, int rows, String formula, String offset) {
        JsonArray coefficients = new JsonArray();
        for (int i = 0; i < fit.names().size(); i++) {
            double est = fit.coefficients()[i], se = fit.standardErrors()[i];
            coefficients.add(new JsonObject().put("name", fit.names().get(i)).put("estimate", finite(est))
                    .put("standardError", finite(se)).put("z", finite(est / se)));
        }
        return new JsonObject().put("formula", formula).put("offset", offset).put("rows", rows)
                .put("coefficients", coefficients).put("deviance", finite(fit.deviance())).put("nullDeviance", finite(fit.nullDeviance()))
                .put("dfResidual", fit.dfResidual()).put("dfNull", fit.dfNull()).put("aic", finite(fit.aic()))
                .put("iterations", fit.iterations()).put("converged", fit.converged()).put("summary", fit.summary());
    }

    private static Double finite(double d) {
        return Double.isFinite(d) ? d : null;
    }

    /** A JSON number as plain decimal text ("40", "0.35"), never "4.0E1". */
    static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) return n.toString();
        if (n instanceof BigDecimal b) return b.toPlainString();
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return BigDecimal.valueOf(d).toPlainString();
    }
}
