package io.telerisk.sim.scene;

import io.telerisk.sim.Rng;
import io.telerisk.sim.farm.FarmField;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * Derives field boundaries for simulated fields, which only have a centre and an area: an axis-aligned rectangle
 * centred on the field, with the field's area clamped to 1–50 ha (larger fields would make scenes needlessly big)
 * and a seeded aspect ratio of 1–2.5. Deterministic for a seed. Boundaries never overlap: a field that would touch
 * an earlier one (in list order, with a 20 m headland) is shrunk step by step to 1 ha, and if it still collides it
 * is left out and reported in {@link Result#skipped()}, so nothing disappears silently.
 */
public final class FieldFootprints {
    static final double MIN_HA = 1, MAX_HA = 50;
    private static final double HEADLAND_M = 20;
    private static final double M_PER_DEG_LAT = 111_320;
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** Placed boundaries (in the order of the fields) and the ids of fields that could not be placed, with why. */
    public record Result(List<FieldFootprint> placed, List<String> skipped) {
        public Result {
            placed = List.copyOf(placed);
            skipped = List.copyOf(skipped);
        }
    }

    private FieldFootprints() {
    }

    /** Boundaries for the fields; the same fields and seed give the same polygons. */
    public static Result of(List<FarmField> fields, long seed) {
        List<FieldFootprint> placed = new ArrayList<>();
        List<Polygon> buffered = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            FarmField f = fields.get(i);
            Rng rng = new Rng(Rng.derive(seed, "scene-footprint", i));
            double aspect = rng.uniform(1, 2.5);
            boolean wide = rng.chance(0.5);
            double areaHa = Math.max(MIN_HA, Math.min(MAX_HA, f.areaHa()));
            FieldFootprint chosen = null;
            Polygon chosenBuffer = null;
            while (true) {
                Polygon p = rectangle(f.latitudeDeg(), f.longitudeDeg(), areaHa, wide ? aspect : 1 / aspect, 0);
                Polygon b = rectangle(f.latitudeDeg(), f.longitudeDeg(), areaHa, wide ? aspect : 1 / aspect, HEADLAND_M);
                if (buffered.stream().noneMatch(b::intersects)) {
                    chosen = new FieldFootprint(f.fieldId(), p, areaHa);
                    chosenBuffer = b;
                    break;
                }
                if (areaHa <= MIN_HA) break;
                areaHa = Math.max(MIN_HA, areaHa * 0.7);
            }
            if (chosen == null) {
                skipped.add(f.fieldId() + ": a 1 ha field at " + f.latitudeDeg() + "," + f.longitudeDeg() + " would overlap a neighbour");
            } else {
                placed.add(chosen);
                buffered.add(chosenBuffer);
            }
        }
        return new Result(placed, skipped);
    }

    /** A rectangle of the area (plus a margin on every side) around a centre, in degrees from local metres. */
    private static Polygon rectangle(double latDeg, double lonDeg, double areaHa, double widthOverHeight, double marginM) {
        double heightM = Math.sqrt(areaHa * 10_000 / widthOverHeight), widthM = heightM * widthOverHeight;
        double dLat = (heightM / 2 + marginM) / M_PER_DEG_LAT;
        double dLon = (widthM / 2 + marginM) / (M_PER_DEG_LAT * Math.cos(Math.toRadians(latDeg)));
        return GEOMETRY.createPolygon(new Coordinate[]{
                new Coordinate(lonDeg - dLon, latDeg - dLat), new Coordinate(lonDeg + dLon, latDeg - dLat),
                new Coordinate(lonDeg + dLon, latDeg + dLat), new Coordinate(lonDeg - dLon, latDeg + dLat),
                new Coordinate(lonDeg - dLon, latDeg - dLat)});
    }
}
