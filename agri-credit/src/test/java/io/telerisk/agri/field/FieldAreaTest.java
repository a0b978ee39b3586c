package io.telerisk.agri.field;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Field areas against the closed-form area of a latitude/longitude quadrangle on the WGS 84 ellipsoid, where UTM
 * alone goes wrong: across a zone boundary, across the antimeridian (a MultiPolygon split at 180°, as RFC 7946 asks)
 * and near the poles; and holes and parts counted right.
 */
class FieldAreaTest {
    private static final GeometryFactory GF = new GeometryFactory();
    private static final double A = 6378137, F = 1 / 298.257223563, E2 = F * (2 - F), E = Math.sqrt(E2);

    /** Exact area (m²) of the quadrangle between two parallels and two meridians on the WGS 84 ellipsoid. */
    private static double quadrangleM2(double lon1, double lat1, double lon2, double lat2) {
        return Math.toRadians(lon2 - lon1) * A * A * (1 - E2) / 2 * (q(lat2) - q(lat1));
    }

    private static double q(double latDeg) {
        double s = Math.sin(Math.toRadians(latDeg));
        return s / (1 - E2 * s * s) + Math.log((1 + E * s) / (1 - E * s)) / (2 * E);
    }

    /** The quadrangle as a ring whose parallels are densified (a parallel is not straight in any projection). */
    private static LinearRing quadrangle(double lon1, double lat1, double lon2, double lat2) {
        List<Coordinate> c = new ArrayList<>();
        int n = 400;
        for (int i = 0; i <= n; i++) c.add(new Coordinate(lon1 + (lon2 - lon1) * i / n, lat1));
        for (int i = 0; i <= n; i++) c.add(new Coordinate(lon2 - (lon2 - lon1) * i / n, lat2));
        c.add(new Coordinate(lon1, lat1));
        return GF.createLinearRing(c.toArray(new Coordinate[0]));
    }

    private static Polygon box(double lon1, double lat1, double lon2, double lat2) {
        return GF.createPolygon(quadrangle(lon1, lat1, lon2, lat2));
    }

    private static void assertArea(double expectedM2, Geometry field) {
        double ha = FieldArea.hectares(field);
        assertEquals(expectedM2 / 10_000, ha, expectedM2 / 10_000 * 1e-6, "area of " + field.getGeometryType() + " near " + field.getCentroid());
    }

    @Test
    void aFieldAcrossAUtmZoneBoundaryHasItsEllipsoidalArea() {
        // 12° E is the boundary of zones 32 and 33: UTM of either zone would be 0.04 % off here
        assertArea(quadrangleM2(11.995, 50.0, 12.012, 50.006), box(11.995, 50.0, 12.012, 50.006));
        assertArea(quadrangleM2(5.99, 0.0, 6.01, 0.01), box(5.99, 0.0, 6.01, 0.01));
    }

    @Test
    void aFieldSplitAtTheAntimeridianIsOneFieldOfTheRightAreaAndCentre() {
        // Fiji: one field of 0.02° x 0.01° across 180°, written as RFC 7946 asks, in two parts
        Geometry split = GF.createMultiPolygon(new Polygon[]{box(179.99, -17.01, 180.0, -17.0), box(-180.0, -17.01, -179.99, -17.0)});
        assertArea(quadrangleM2(179.99, -17.01, 180.01, -17.0), split);
        Coordinate c = FieldGeometry.centre(split);
        assertTrue(Math.abs(Math.abs(c.x) - 180) < 1e-6, "the centre is on the antimeridian, not at 0°: " + c);
        int zone = UtmProjection.zoneEpsg(c.x, c.y);
        assertTrue(zone == 32760 || zone == 32701, "zone 60 S or 1 S, got " + zone);
        Geometry inZone60 = UtmProjection.project(split, 32760);
        assertTrue(inZone60.getEnvelopeInternal().getWidth() < 2500, "projected in one piece, about 2.1 km wide: " + inZone60.getEnvelopeInternal());
    }

    @Test
    void fieldsNearThePolesHaveTheirArea() {
        assertArea(quadrangleM2(20.0, 83.9, 20.1, 83.95), box(20.0, 83.9, 20.1, 83.95));    // the UTM domain's northern edge
        assertArea(quadrangleM2(-60.0, -79.95, -59.9, -79.9), box(-60.0, -79.95, -59.9, -79.9)); // its southern edge
        assertArea(quadrangleM2(0.0, 88.0, 1.0, 88.01), box(0.0, 88.0, 1.0, 88.01));          // beyond UTM
    }

    @Test
    void holesAreSubtractedAndPartsAdded() {
        Polygon withHole = GF.createPolygon(quadrangle(15.0, 50.0, 15.01, 50.01), new LinearRing[]{quadrangle(15.003, 50.003, 15.006, 50.006)});
        double expected = quadrangleM2(15.0, 50.0, 15.01, 50.01) - quadrangleM2(15.003, 50.003, 15.006, 50.006);
        assertArea(expected, withHole);
        Geometry twoParts = GF.createMultiPolygon(new Polygon[]{withHole, box(15.02, 50.0, 15.03, 50.01)});
        assertArea(expected + quadrangleM2(15.02, 50.0, 15.03, 50.01), twoParts);
    }

    @Test
    void registryKeepsMultiPolygonFieldsAndTheirEllipsoidalArea() {
        FieldRegistry registry = new FieldRegistry(new InMemoryFieldRepository());
        String geoJson = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[179.99,-17.01],[180.0,-17.01],[180.0,-17.0],[179.99,-17.0],[179.99,-17.01]]],"
                + "[[[-180.0,-17.01],[-179.99,-17.01],[-179.99,-17.0],[-180.0,-17.0],[-180.0,-17.01]]]]}";
        FieldRegistry.Result r = registry.register(new FieldRegistration("t", "fiji-1", "farmer-1", null, Crop.MAIZE,
                LocalDate.of(2026, 11, 1), LocalDate.of(2027, 4, 1), "ba", SoilType.LOAM, geoJson));
        FieldRegistry.Result.Registered ok = assertInstanceOf(FieldRegistry.Result.Registered.class, r, r.toString());
        // the four straight edges of the GeoJSON, not the parallels: a few m² less than the quadrangle of 2.13 km²
        assertEquals(quadrangleM2(179.99, -17.01, 180.01, -17.0) / 10_000, ok.field().areaHa(), 0.01);
        assertEquals(2, ok.field().boundary().getNumGeometries());
        assertTrue(GeoJson.write(ok.field().boundary()).startsWith("{\"type\":\"MultiPolygon\""), "stored and written back as a MultiPolygon");
    }
}
