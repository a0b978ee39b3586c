package io.telerisk.agri.field;

import io.telerisk.agri.TestGeometry;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Polygon;

import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FieldRegistryTest {
    private final InMemoryFieldRepository repo = new InMemoryFieldRepository();
    private final FieldRegistry registry = new FieldRegistry(repo);

    private FieldRegistration reg(String id, String farmer, String device, String geojson) {
        return new FieldRegistration("t1", id, farmer, device, Crop.MAIZE, LocalDate.of(2024, 4, 20), LocalDate.of(2024, 9, 30),
                "south-moravia", SoilType.LOAM, geojson);
    }

    private FieldRegistration reg(String id, String farmer, Polygon p) {
        return reg(id, farmer, null, GeoJson.write(p));
    }

    @Test
    void registersFieldWithAreaComputedInItsUtmZone() {
        var r = assertInstanceOf(FieldRegistry.Result.Registered.class, registry.register(reg("f1", "alice", TestGeometry.rectangle(15.1, 50.0, 200, 100))));
        assertEquals(32633, r.field().utmEpsg());
        assertEquals(2.0, r.field().areaHa(), 0.02, "200 m x 100 m");
        assertTrue(repo.find("t1", "f1").isPresent());
        assertTrue(!r.flagged());
    }

    @Test
    void picksTheUtmZoneOfTheFieldIncludingSouthernHemisphereAndNorway() {
        assertEquals(32718, UtmProjection.zoneEpsg(-75.2, -10.0));
        assertEquals(32632, UtmProjection.zoneEpsg(5.5, 60.0), "Norway exception widens zone 32");
        assertEquals(32631, UtmProjection.zoneEpsg(2.0, 48.0));
        var r = assertInstanceOf(FieldRegistry.Result.Registered.class,
                registry.register(reg("peru", "bob", TestGeometry.rectangle(-75.2, -10.0, 300, 300))));
        assertEquals(32718, r.field().utmEpsg());
        assertEquals(9.0, r.field().areaHa(), 0.1);
    }

    @Test
    void rejectsRingThatIsNotClosed() {
        var r = assertInstanceOf(FieldRegistry.Result.Rejected.class, registry.register(reg("x", "a", null,
                "{\"type\":\"Polygon\",\"coordinates\":[[[15,50],[15.01,50],[15.01,50.01],[15,50.01]]]}")));
        assertEquals(InvalidFieldException.Reason.RING_NOT_CLOSED, r.reason());
        assertTrue(repo.find("t1", "x").isEmpty());
        assertEquals(1, registry.rejectedCount());
    }

    @Test
    void rejectsSelfIntersectingBowTie() {
        var r = assertInstanceOf(FieldRegistry.Result.Rejected.class, registry.register(reg("x", "a", null,
                "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[15,50],[15.01,50.01],[15.01,50],[15,50.01],[15,50]]]}}")));
        assertEquals(InvalidFieldException.Reason.SELF_INTERSECTION, r.reason(), r.detail());
        assertTrue(repo.find("t1", "x").isEmpty());
    }

    @Test
    void rejectsImplausiblySmallAndLargeFields() {
        var tiny = assertInstanceOf(FieldRegistry.Result.Rejected.class, registry.register(reg("tiny", "a", TestGeometry.rectangle(15, 50, 3, 3))));
        assertEquals(InvalidFieldException.Reason.IMPLAUSIBLE_AREA, tiny.reason());
        var huge = assertInstanceOf(FieldRegistry.Result.Rejected.class, registry.register(reg("huge", "a", TestGeometry.rectangle(15, 50, 10_000, 10_000))));
        assertEquals(InvalidFieldException.Reason.IMPLAUSIBLE_AREA, huge.reason(), huge.detail());
    }

    @Test
    void rejectsMalformedGeoJsonWrongGeometryAndOutOfRangeCoordinates() {
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON, assertInstanceOf(FieldRegistry.Result.Rejected.class,
                registry.register(reg("x", "a", null, "{\"type\":\"Polygon\",\"coordinates\":[[[15,50],"))).reason());
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON, assertInstanceOf(FieldRegistry.Result.Rejected.class,
                registry.register(reg("x", "a", null, "{\"type\":\"Point\",\"coordinates\":[15,50]}"))).reason());
        assertEquals(InvalidFieldException.Reason.OUT_OF_RANGE, assertInstanceOf(FieldRegistry.Result.Rejected.class,
                registry.register(reg("x", "a", null, "{\"type\":\"Polygon\",\"coordinates\":[[[50,15],[50,95],[51,95],[50,15]]]}"))).reason());
        assertEquals(InvalidFieldException.Reason.TOO_FEW_POSITIONS, assertInstanceOf(FieldRegistry.Result.Rejected.class,
                registry.register(reg("x", "a", null, "{\"type\":\"Polygon\",\"coordinates\":[[[15,50],[15.1,50],[15,50]]]}"))).reason());
        assertEquals(4, registry.rejectedCount());
    }

    @Test
    void rejectsHarvestBeforeSowing() {
        var r = registry.register(new FieldRegistration("t1", "x", "a", null, Crop.WHEAT, LocalDate.of(2024, 9, 1), LocalDate.of(2024, 3, 1),
                "r", SoilType.LOAM, GeoJson.write(TestGeometry.rectangle(15, 50, 100, 100))));
        assertEquals(InvalidFieldException.Reason.INVALID_SEASON, assertInstanceOf(FieldRegistry.Result.Rejected.class, r).reason());
    }

    @Test
    void flagsOverlapWithAnotherFarmersFieldButNotWithOwnFields() {
        registry.register(reg("alice-1", "alice", TestGeometry.rectangle(15.1, 50.0, 200, 200)));
        // bob's field starts 100 m east inside alice's: a 100 m x 200 m = 2 ha overlap
        double dLon = 100 / (111_320 * Math.cos(Math.toRadians(50)));
        var bob = assertInstanceOf(FieldRegistry.Result.Registered.class,
                registry.register(reg("bob-1", "bob", TestGeometry.rectangle(15.1 + dLon, 50.0, 200, 200))));
        assertTrue(bob.flagged());
        assertEquals("alice-1", bob.overlaps().get(0).fieldId());
        assertEquals("alice", bob.overlaps().get(0).farmerId());
        assertEquals(2.0, bob.overlaps().get(0).overlapHa(), 0.05);
        var alice2 = assertInstanceOf(FieldRegistry.Result.Registered.class,
                registry.register(reg("alice-2", "alice", TestGeometry.rectangle(15.1 + 1.25 * dLon, 50.0, 50, 50))));
        assertEquals(1, alice2.overlaps().size(), "overlaps bob's field only, not alice's own");
        assertEquals("bob-1", alice2.overlaps().get(0).fieldId());
    }

    @Test
    void refusesADeviceAlreadyInstalledInAnotherField() {
        registry.register(reg("f1", "alice", "dev-1", GeoJson.write(TestGeometry.rectangle(15.1, 50.0, 100, 100))));
        var r = registry.register(reg("f2", "alice", "dev-1", GeoJson.write(TestGeometry.rectangle(15.2, 50.0, 100, 100))));
        assertEquals(InvalidFieldException.Reason.DUPLICATE_ID, assertInstanceOf(FieldRegistry.Result.Rejected.class, r).reason());
        assertTrue(repo.find("t1", "f2").isEmpty());
    }

    @Test
    void expectedNdviCurvePeaksMidSeason() {
        LocalDate s = LocalDate.of(2024, 4, 20), h = LocalDate.of(2024, 9, 30);
        LocalDate peak = Crop.MAIZE.expectedPeakDate(s, h);
        assertEquals(Crop.MAIZE.peakNdvi(), Crop.MAIZE.expectedNdvi(s, h, peak), 0.01);
        assertTrue(Crop.MAIZE.expectedNdvi(s, h, s.plusDays(10)) < 0.4);
        assertEquals(Crop.MAIZE.baseNdvi(), Crop.MAIZE.expectedNdvi(s, h, h.plusDays(5)), 1e-12);
    }
}
