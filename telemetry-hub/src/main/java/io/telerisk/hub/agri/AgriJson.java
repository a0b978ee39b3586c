package io.telerisk.hub.agri;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRegistry;
import io.telerisk.agri.field.GeoJson;
import io.telerisk.agri.loan.Factor;
import io.telerisk.agri.loan.Instalment;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanOutcome;
import io.telerisk.agri.loan.RiskGrade;
import io.telerisk.agri.ndvi.FieldNdvi;
import io.telerisk.agri.ndvi.NdviPoint;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * JSON forms of the crop-credit values, for the REST API and for the stored decision document (so a recorded
 * decision reads back exactly as it was answered). Money as decimal strings, times as ISO-8601 UTC.
 */
public final class AgriJson {
    private AgriJson() {
    }

    public static JsonObject decision(LoanDecision d) {
        return new JsonObject()
                .put("applicationId", d.applicationId()).put("tenant", d.tenant()).put("deviceId", d.deviceId())
                .put("fieldId", d.fieldId()).put("outcome", d.outcome().name()).put("reason", d.reasonCode())
                .put("amountRequested", d.amountRequested().toPlainString())
                .put("approvedAmount", d.approvedAmount().toPlainString()).put("offeredAmount", d.offeredAmount().toPlainString())
                .put("limit", d.limit().toPlainString())
                .put("currency", d.currency().getCurrencyCode())
                .put("grade", d.grade() == null ? null : d.grade().name())
                .put("annualRatePercent", d.annualRatePercent() == null ? null : d.annualRatePercent().toPlainString())
                .put("termMonths", d.termMonths()).put("schedule", schedule(d)).put("factors", factors(d))
                .put("decidedAt", d.decidedAt().toString());
    }

    /**
     * A decision's repayment schedule: {@code dueDate, principal, interest, total} per instalment (empty unless
     * approved). The REST answer and the device's {@code loan_decision} command both carry this form.
     */
    public static JsonArray schedule(LoanDecision d) {
        JsonArray schedule = new JsonArray();
        for (Instalment i : d.schedule()) {
            schedule.add(new JsonObject().put("dueDate", i.dueDate().toString()).put("principal", i.principal().toPlainString())
                    .put("interest", i.interest().toPlainString()).put("total", i.total().toPlainString()));
        }
        return schedule;
    }

    /** A decision's factors in the order the engine weighed them (REST answer and device command alike). */
    public static JsonArray factors(LoanDecision d) {
        JsonArray factors = new JsonArray();
        for (Factor f : d.factors()) factors.add(factor(f));
        return factors;
    }

    /** A decision factor: {@code code, value, threshold, effect, points, text}. */
    public static JsonObject factor(Factor f) {
        return new JsonObject().put("code", f.code()).put("value", f.value()).put("threshold", f.threshold())
                .put("effect", f.effect().name()).put("points", f.points()).put("text", f.text());
    }

    /** Reads back {@link #decision(LoanDecision)}. */
    public static LoanDecision decisionFrom(JsonObject o) {
        List<Instalment> schedule = new ArrayList<>();
        for (Object x : o.getJsonArray("schedule", new JsonArray())) {
            JsonObject i = (JsonObject) x;
            schedule.add(new Instalment(LocalDate.parse(i.getString("dueDate")), new BigDecimal(i.getString("principal")),
                    new BigDecimal(i.getString("interest"))));
        }
        List<Factor> factors = new ArrayList<>();
        for (Object x : o.getJsonArray("factors", new JsonArray())) {
            JsonObject f = (JsonObject) x;
            factors.add(new Factor(f.getString("code"), f.getString("value"), f.getString("threshold"),
                    Factor.Effect.valueOf(f.getString("effect")), f.getInteger("points", 0), f.getString("text")));
        }
        String grade = o.getString("grade");
        String rate = o.getString("annualRatePercent");
        return new LoanDecision(o.getString("applicationId"), o.getString("tenant"), o.getString("deviceId"),
                o.getString("fieldId"), LoanOutcome.valueOf(o.getString("outcome")), o.getString("reason"),
                new BigDecimal(o.getString("amountRequested")), new BigDecimal(o.getString("approvedAmount")),
                new BigDecimal(o.getString("offeredAmount")),
                new BigDecimal(o.getString("limit")), Currency.getInstance(o.getString("currency")),
                grade == null ? null : RiskGrade.valueOf(grade), rate == null ? null : new BigDecimal(rate), o.getInteger("termMonths", 0),
                schedule, factors,
                Instant.parse(o.getString("decidedAt")));
    }

    public static JsonObject field(Field f) {
        return new JsonObject().put("fieldId", f.fieldId()).put("tenant", f.tenant()).put("farmerId", f.farmerId())
                .put("deviceId", f.deviceId()).put("crop", f.crop().name()).put("sowingDate", f.sowingDate().toString())
                .put("harvestDate", f.harvestDate().toString()).put("region", f.region()).put("soil", f.soil().name())
                .put("utmEpsg", f.utmEpsg()).put("areaHa", Math.round(f.areaHa() * 10_000) / 10_000.0)
                .put("boundary", new JsonObject(GeoJson.write(f.boundary())));
    }

    public static JsonObject registered(FieldRegistry.Result.Registered r) {
        JsonArray overlaps = new JsonArray();
        for (FieldRegistry.Overlap o : r.overlaps()) {
            overlaps.add(new JsonObject().put("fieldId", o.fieldId()).put("farmerId", o.farmerId())
                    .put("overlapHa", Math.round(o.overlapHa() * 10_000) / 10_000.0));
        }
        return new JsonObject().put("field", field(r.field())).put("flagged", r.flagged()).put("overlaps", overlaps);
    }

    public static JsonObject ndvi(NdviPoint p) {
        JsonObject o = new JsonObject().put("acquired", p.acquired().toString()).put("sceneId", p.sceneId())
                .put("pixelsInField", p.ndvi().pixelsInField());
        if (p.ndvi() instanceof FieldNdvi.Observed obs) {
            var s = obs.stats();
            o.put("status", "ok").put("validPixels", s.validPixels()).put("mean", s.mean()).put("median", s.median())
                    .put("std", s.std()).put("min", s.min()).put("max", s.max()).put("cloudFreeFraction", s.cloudFreeFraction());
        } else if (p.ndvi() instanceof FieldNdvi.NoObservation no) {
            o.put("status", no.reason().name()).put("detail", no.detail()).put("validPixels", no.validPixels());
        }
        return o;
    }
}
