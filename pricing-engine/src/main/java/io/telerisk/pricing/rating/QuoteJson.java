package io.telerisk.pricing.rating;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON shape of a quote for APIs and logs: money as decimal strings at the currency's scale (no binary
 * floating point on the wire), one object per explanation line, absent values omitted rather than NaN.
 */
public final class QuoteJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QuoteJson() {}

    public static ObjectNode toTree(Quote q) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("policyId", q.policyId());
        n.put("planId", q.plan().planId());
        n.put("planVersion", q.plan().version());
        n.put("currency", q.currency());
        n.put("periodDays", q.periodDays());
        n.put("netPremium", q.netPremium().toPlainString());
        n.put("fees", q.fees().toPlainString());
        n.put("taxes", q.taxes().toPlainString());
        n.put("totalPremium", q.totalPremium().toPlainString());
        ObjectNode t = n.putObject("telematics");
        t.put("rawRelativity", q.telematicsRelativity());
        t.put("credibility", q.credibility());
        t.put("adjustment", q.telematicsAdjustment());
        t.put("limit", q.limit().name());
        n.put("minimumPremiumApplied", q.minimumPremiumApplied());
        if (q.wellnessTier() != null) n.put("wellnessTier", q.wellnessTier());
        if (!Double.isNaN(q.expectedClaimFrequency())) n.put("expectedClaimFrequency", q.expectedClaimFrequency());
        if (q.scoreModel() != null) n.put("scoreModel", q.scoreModel());
        ArrayNode lines = n.putArray("lines");
        for (QuoteLine l : q.lines()) {
            ObjectNode o = lines.addObject();
            o.put("step", l.step().name());
            o.put("variable", l.variable());
            if (l.inputLevel() != null) o.put("input", l.inputLevel());
            else if (!Double.isNaN(l.inputValue())) o.put("input", l.inputValue());
            o.put("bandOrTerm", l.bandOrTerm());
            o.put("relativity", l.relativity());
            o.put("effect", l.effect().toPlainString());
        }
        return n;
    }

    public static String toJson(Quote q) {
        try {
            return MAPPER.writeValueAsString(toTree(q));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise quote of " + q.policyId(), e);
        }
    }
}
