package io.telerisk.hub.agri;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.health.CropHealth;
import io.telerisk.agri.health.HealthAssessor;
import io.telerisk.agri.loan.LoanDecision;
import io.telerisk.agri.loan.LoanService;
import io.telerisk.agri.loan.LoanRequests;
import io.telerisk.agri.monitor.SeasonAlert;
import io.telerisk.agri.monitor.SeasonMonitor;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviStats;
import io.telerisk.agri.yield.YieldEstimate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What a farmer (and the tenant's readers) see of one field: its health (anomaly z, water stress, yield band, the
 * crop's expected NDVI curve beside the observed one, the peer group), its own season alerts, and a borrowing-limit
 * preview — the decision an application would get today, recorded nowhere. Access is checked by {@link AgriApi}.
 */
final class FieldViews {
    /** Points of the expected curve: one a week from sowing to harvest. */
    private static final int CURVE_STEP_DAYS = 7;

    private final HealthAssessor health;
    private final LoanService service;
    private final SeasonMonitor monitor;

    FieldViews(HealthAssessor health, LoanService service, SeasonMonitor monitor) {
        this.health = Objects.requireNonNull(health);
        this.service = Objects.requireNonNull(service);
        this.monitor = Objects.requireNonNull(monitor);
    }

    JsonObject health(Field f, LocalDate day) {
        CropHealth h = health.assess(f, day);
        YieldEstimate y = service.yieldEstimate(f, day);
        var ws = h.waterStress();
        JsonArray curve = new JsonArray();
        for (LocalDate d = f.sowingDate(); !d.isAfter(f.harvestDate()); d = d.plusDays(CURVE_STEP_DAYS)) {
            curve.add(new JsonObject().put("date", d.toString()).put("ndvi", round(f.crop().expectedNdvi(f.sowingDate(), f.harvestDate(), d))));
        }
        JsonArray observed = new JsonArray();
        for (NdviPoint p : health.seasonObservations(f, day)) {
            LocalDate d = p.acquired().atZone(ZoneOffset.UTC).toLocalDate();
            observed.add(new JsonObject().put("date", d.toString()).put("ndvi", round(p.stats().map(NdviStats::mean).orElseThrow()))
                    .put("expected", round(f.crop().expectedNdvi(f.sowingDate(), f.harvestDate(), d))));
        }
        return new JsonObject().put("fieldId", f.fieldId()).put("asOf", day.toString()).put("crop", f.crop().name())
                .put("latestNdvi", h.latestNdvi() == null ? null : round(h.latestNdvi()))
                .put("latestAcquired", h.latestAcquired() == null ? null : h.latestAcquired().toString())
                .put("expectedNdvi", round(h.expectedNdvi()))
                .put("anomalyZ", h.anomalyZ() == null ? null : round(h.anomalyZ())).put("anomalySource", h.anomalySource().name())
                .put("peers", new JsonObject().put("count", h.peerCount())
                        .put("meanNdvi", h.peerMeanNdvi() == null ? null : round(h.peerMeanNdvi()))
                        .put("stdNdvi", h.peerStdNdvi() == null ? null : round(h.peerStdNdvi()))
                        .put("group", "same crop and region, observed the same day"))
                .put("waterStress", new JsonObject().put("stressDays", ws.stressDays()).put("measuredDays", ws.measuredDays())
                        .put("missingDays", ws.missingDays()).put("wiltingPointVwc", ws.wiltingPointVwc())
                        .put("share", ws.measuredDays() == 0 ? null : round(ws.stressFraction())))
                .put("yield", new JsonObject().put("peakNdvi", round(y.peakNdvi())).put("peakObserved", y.peakObserved())
                        .put("observations", y.observations()).put("relativeStd", round(y.relativeStd()))
                        .put("p10TPerHa", round(y.yieldP10TPerHa())).put("p50TPerHa", round(y.yieldP50TPerHa())).put("p90TPerHa", round(y.yieldP90TPerHa()))
                        .put("revenueP10", y.revenueP10().toPlainString()).put("revenueP50", y.revenueP50().toPlainString())
                        .put("revenueP90", y.revenueP90().toPlainString()).put("currency", y.currency().getCurrencyCode()))
                .put("expectedCurve", curve).put("observed", observed);
    }

    JsonObject alerts(Field f, LocalDate day) {
        JsonArray out = new JsonArray();
        for (SeasonAlert a : monitor.evaluate(f, null, day)) {
            out.add(new JsonObject().put("kind", a.kind().name()).put("value", a.value()).put("threshold", a.threshold())
                    .put("asOf", a.asOf().toString()).put("message", a.message()));
        }
        return io.telerisk.hub.api.ListPage.of(out, out.size(), new io.telerisk.hub.api.ListPage.Request(0, Math.max(1, out.size())))
                .put("fieldId", f.fieldId()).put("asOf", day.toString());
    }

    /** The decision an application for {@code amount} (default: the whole limit) would get today; nothing recorded. */
    JsonObject limitPreview(Field f, BigDecimal amount, int termMonths) {
        if (termMonths < 1 || termMonths > LoanRequests.MAX_TERM_MONTHS) {
            throw AgriProblem.badRequest("termMonths must be 1.." + LoanRequests.MAX_TERM_MONTHS);
        }
        LoanDecision d = service.preview(f, amount, termMonths);
        JsonObject o = AgriJson.decision(d);
        o.remove("applicationId");
        o.remove("decidedAt");
        return o.put("fieldId", f.fieldId()).put("preview", true)
                .put("note", "what an application would get now; nothing is recorded, the decision is made when the request arrives");
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
