package io.telerisk.agri.health;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.field.FieldRepository;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.ndvi.NdviSeriesStore;
import io.telerisk.agri.ndvi.NdviStats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Assesses crop health: the field's latest NDVI against its peers and its crop's expected curve, and water stress.
 *
 * <p>Anomaly score: a z-score of the field's mean NDVI in its latest clear scene against the mean NDVI of its
 * peers (same tenant, crop and region) observed on the same UTC day, {@code z = (ndvi - mean(peers)) /
 * max(std(peers), }{@value #MIN_PEER_STD}{@code )} (population std; the floor stops a very uniform peer group from
 * turning a 0.01 difference into an alarm). With fewer than {@value #MIN_PEERS} peers the score falls back to the
 * crop's expected curve with a nominal between-field spread of {@value #NOMINAL_NDVI_STD}. Peers and expectation
 * are compared on the same day because NDVI moves fast through the season.
 */
public final class HealthAssessor {
    public static final int MIN_PEERS = 3;
    public static final double MIN_PEER_STD = 0.03;
    public static final double NOMINAL_NDVI_STD = 0.08;

    private final FieldRepository fields;
    private final NdviSeriesStore ndvi;
    private final WaterStressCalculator stress;

    public HealthAssessor(FieldRepository fields, NdviSeriesStore ndvi, WaterStressCalculator stress) {
        this.fields = Objects.requireNonNull(fields);
        this.ndvi = Objects.requireNonNull(ndvi);
        this.stress = Objects.requireNonNull(stress);
    }

    private static Instant startOf(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Clear observations of a field from sowing to the end of {@code asOf}, oldest first. */
    public List<NdviPoint> seasonObservations(Field f, LocalDate asOf) {
        List<NdviPoint> out = new ArrayList<>();
        for (NdviPoint p : ndvi.series(f.tenant(), f.fieldId(), startOf(f.sowingDate()), startOf(asOf.plusDays(1)))) {
            if (p.stats().isPresent()) out.add(p);
        }
        return out;
    }

    /** Water stress from sowing (or {@code windowDays} before {@code asOf}, whichever is later) to {@code asOf}. */
    public WaterStress recentStress(Field f, LocalDate asOf, int windowDays) {
        LocalDate from = asOf.minusDays(windowDays - 1L);
        if (from.isBefore(f.sowingDate())) from = f.sowingDate();
        return stress.between(f, from, asOf.plusDays(1));
    }

    /** Health on {@code asOf}, water stress over the whole season so far. */
    public CropHealth assess(Field f, LocalDate asOf) {
        return assess(f, asOf, (int) Math.max(1, java.time.temporal.ChronoUnit.DAYS.between(f.sowingDate(), asOf) + 1));
    }

    /** Health on {@code asOf}, water stress over the last {@code stressWindowDays}. */
    public CropHealth assess(Field f, LocalDate asOf, int stressWindowDays) {
        List<NdviPoint> obs = seasonObservations(f, asOf);
        WaterStress ws = recentStress(f, asOf, stressWindowDays);
        if (obs.isEmpty()) {
            return new CropHealth(f.fieldId(), asOf, null, null, f.crop().expectedNdvi(f.sowingDate(), f.harvestDate(), asOf),
                    null, CropHealth.AnomalySource.NONE, 0, 0, ws, null, null);
        }
        NdviPoint latest = obs.get(obs.size() - 1);
        double value = latest.stats().map(NdviStats::mean).orElseThrow();
        LocalDate day = latest.acquired().atZone(ZoneOffset.UTC).toLocalDate();
        double expected = f.crop().expectedNdvi(f.sowingDate(), f.harvestDate(), day);
        List<Double> peerValues = new ArrayList<>();
        for (Field p : fields.peers(f.tenant(), f.crop(), f.region())) {
            if (p.fieldId().equals(f.fieldId())) continue;
            for (NdviPoint pp : ndvi.series(p.tenant(), p.fieldId(), startOf(day), startOf(day.plusDays(1)))) {
                pp.stats().ifPresent(s -> peerValues.add(s.mean()));
            }
        }
        if (peerValues.size() >= MIN_PEERS) {
            double mean = peerValues.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double var = peerValues.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / peerValues.size();
            double z = (value - mean) / Math.max(Math.sqrt(var), MIN_PEER_STD);
            return new CropHealth(f.fieldId(), asOf, value, latest.acquired(), expected, z, CropHealth.AnomalySource.PEERS,
                    peerValues.size(), obs.size(), ws, mean, Math.sqrt(var));
        }
        return new CropHealth(f.fieldId(), asOf, value, latest.acquired(), expected, (value - expected) / NOMINAL_NDVI_STD,
                CropHealth.AnomalySource.EXPECTED_CURVE, 0, obs.size(), ws, null, null);
    }
}
