package io.telerisk.pricing.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.util.Map;

/** Writes a plan document as JSON in the same shape {@link PlanDocumentReader} reads (round-trips). */
public final class PlanDocumentWriter {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanDocumentWriter() {}

    /** The plan as pretty-printed JSON. */
    public static String toJson(RatingPlan p) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("planId", p.key().planId());
        n.put("version", p.key().version());
        putIf(n, "name", p.name());
        putIf(n, "productLine", p.productLine());
        if (p.jurisdiction() != null) n.put("jurisdiction", p.jurisdiction().toString());
        putIf(n, "currency", p.currency());
        if (p.effectiveFrom() != null) n.put("effectiveFrom", p.effectiveFrom().toString());
        putIf(n, "author", p.author());
        putIf(n, "notes", p.notes());
        if (p.deviation() != null) {
            ObjectNode d = n.putObject("deviation");
            d.put("basePlanId", p.deviation().base().planId());
            d.put("baseVersion", p.deviation().base().version());
            ArrayNode r = d.putArray("removeFactors");
            p.deviation().removeFactors().forEach(r::add);
        }
        if (p.exposure() != null) {
            ObjectNode e = n.putObject("exposure");
            putIf(e, "annualRate", p.exposure().annualRate());
            putIf(e, "fixedMonthly", p.exposure().fixedMonthly());
            putIf(e, "perKmRate", p.exposure().perKmRate());
            if (p.exposure().dailyKmCap() != null) e.put("dailyKmCap", p.exposure().dailyKmCap());
        }
        if (p.claimFrequency() != null) {
            ObjectNode c = n.putObject("claimFrequency");
            c.put("intercept", p.claimFrequency().intercept());
            putIf(c, "source", p.claimFrequency().source());
        }
        if (p.factors() != null) {
            ArrayNode fs = n.putArray("factors");
            for (RatingPlan.Factor f : p.factors()) {
                ObjectNode o = fs.addObject();
                putIf(o, "name", f.name());
                o.put("variable", f.variable());
                if (f.bands() != null) {
                    ArrayNode bs = o.putArray("bands");
                    for (RatingPlan.Band b : f.bands()) {
                        ObjectNode bo = bs.addObject();
                        if (b.over() != null) bo.put("over", b.over());
                        if (b.upTo() != null) bo.put("upTo", b.upTo());
                        bo.put("relativity", b.relativity());
                    }
                }
                if (f.levels() != null) {
                    ObjectNode lo = o.putObject("levels");
                    for (Map.Entry<String, Double> e : f.levels().entrySet()) lo.put(e.getKey(), e.getValue());
                }
                if (f.term() != null) {
                    ObjectNode t = o.putObject("term");
                    t.put("transform", f.term().transform().name());
                    t.put("coefficient", f.term().coefficient());
                    t.put("reference", f.term().reference());
                    if (f.term().minValue() != null) t.put("minValue", f.term().minValue());
                    if (f.term().maxValue() != null) t.put("maxValue", f.term().maxValue());
                }
            }
        }
        if (p.telematics() != null) {
            RatingPlan.Telematics t = p.telematics();
            ObjectNode o = n.putObject("telematics");
            if (t.credibility() != null) {
                ObjectNode c = o.putObject("credibility");
                c.put("method", t.credibility().method().name());
                if (t.credibility().fullCredibilityKm() != null) c.put("fullCredibilityKm", t.credibility().fullCredibilityKm());
                if (t.credibility().k() != null) c.put("k", t.credibility().k());
            }
            if (t.minAdjustment() != null) o.put("minAdjustment", t.minAdjustment());
            if (t.maxAdjustment() != null) o.put("maxAdjustment", t.maxAdjustment());
            if (t.maxRenewalIncrease() != null) o.put("maxRenewalIncrease", t.maxRenewalIncrease());
            if (t.maxRenewalDecrease() != null) o.put("maxRenewalDecrease", t.maxRenewalDecrease());
        }
        if (p.wellness() != null) {
            ObjectNode w = n.putObject("wellness");
            w.put("maxDiscountPercent", p.wellness().maxDiscountPercent());
            w.put("minWornDays", p.wellness().minWornDays());
            ArrayNode ts = w.putArray("tiers");
            for (RatingPlan.WellnessTier t : p.wellness().tiers()) {
                ObjectNode o = ts.addObject();
                o.put("name", t.name());
                if (t.minAvgDailySteps() != null) o.put("minAvgDailySteps", t.minAvgDailySteps());
                if (t.minAvgActiveMinutes() != null) o.put("minAvgActiveMinutes", t.minAvgActiveMinutes());
                if (t.maxRestingHrTrendBpmPer30d() != null) o.put("maxRestingHrTrendBpmPer30d", t.maxRestingHrTrendBpmPer30d());
                o.put("discountPercent", t.discountPercent());
            }
        }
        putIf(n, "minimumPremium", p.minimumPremium());
        if (p.fees() != null) {
            ArrayNode a = n.putArray("fees");
            for (RatingPlan.Fee f : p.fees()) a.addObject().put("name", f.name()).put("amount", f.amount());
        }
        if (p.taxes() != null) {
            ArrayNode a = n.putArray("taxes");
            for (RatingPlan.Tax t : p.taxes()) a.addObject().put("name", t.name()).put("ratePercent", t.ratePercent());
        }
        if (!p.tests().isEmpty()) {
            ArrayNode a = n.putArray("tests");
            for (RatingPlan.TestCase t : p.tests()) {
                ObjectNode o = a.addObject();
                o.put("name", t.name());
                ObjectNode pr = o.putObject("profile");
                t.profile().forEach((k, v) -> {
                    if (v instanceof Number num) pr.put(k, num.doubleValue());
                    else pr.put(k, String.valueOf(v));
                });
                if (t.priorAdjustment() != null) o.put("priorAdjustment", t.priorAdjustment());
                putIf(o, "expectedPremium", t.expectedPremium());
            }
        }
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise plan " + p.key(), e);
        }
    }

    private static void putIf(ObjectNode n, String f, String v) { if (v != null) n.put(f, v); }

    private static void putIf(ObjectNode n, String f, BigDecimal v) { if (v != null) n.put(f, v); }
}
