package io.telerisk.agri.field;

import io.telerisk.agri.TestGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoJsonTest {
    @Test
    void readsFeatureCollectionWithStringAndNumericIdsAndHoles() {
        String hole = GeoJson.write(TestGeometry.withHole(15, 50, 300));
        List<GeoJson.IdentifiedPolygon> l = GeoJson.features("{\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":17,\"crop\":\"maize\"},"
                + "\"geometry\":" + hole + "},{\"type\":\"Feature\",\"id\":\"top-level\",\"properties\":null,\"geometry\":" + hole + "}],"
                + "\"type\":\"FeatureCollection\"}");
        assertEquals(List.of("17", "top-level"), l.stream().map(GeoJson.IdentifiedPolygon::id).toList());
        assertEquals(1, ((org.locationtech.jts.geom.Polygon) l.get(0).polygon()).getNumInteriorRing());
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String members) {
        return "{\"type\":\"Feature\"," + members + ",\"geometry\":" + GeoJson.write(TestGeometry.rectangle(15, 50, 100, 100)) + "}";
    }

    @Test
    void aFeatureWithoutAnIdIsAnErrorNamingItsPropertiesNeverFeature0() {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> GeoJson.features(collection(
                feature("\"id\":\"a\",\"properties\":{}"), feature("\"properties\":{\"FIELD_ID\":\"F-9\",\"crop\":\"wheat\"}"))));
        assertTrue(e.getMessage().contains("feature #1") && e.getMessage().contains("FIELD_ID") && e.getMessage().contains("--id-property"), e.getMessage());
    }

    @Test
    void theFeatureIdMemberComesFirstAndANamedPropertyWhenAsked() {
        String doc = collection(feature("\"id\":\"member-1\",\"properties\":{\"id\":\"prop-1\",\"FIELD_ID\":\"F-1\"}"),
                feature("\"id\":\"member-2\",\"properties\":{\"FIELD_ID\":\"F-2\"}"));
        assertEquals(List.of("member-1", "member-2"), GeoJson.features(doc).stream().map(GeoJson.IdentifiedPolygon::id).toList());
        assertEquals(List.of("F-1", "F-2"), GeoJson.features(doc, "FIELD_ID").stream().map(GeoJson.IdentifiedPolygon::id).toList());
        assertThrows(InvalidFieldException.class, () -> GeoJson.features(doc, "PARCEL"));
    }

    @Test
    void duplicateIdsAndBarePolygonsAndForeignCrsAreRefused() {
        String dup = collection(feature("\"id\":\"a\""), feature("\"id\":\"a\""));
        assertTrue(assertThrows(InvalidFieldException.class, () -> GeoJson.features(dup)).getMessage().contains("used twice"));
        String bare = GeoJson.write(TestGeometry.rectangle(15, 50, 100, 100));
        assertThrows(InvalidFieldException.class, () -> GeoJson.features(bare));
        String utm = "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::32633\"}},"
                + "\"features\":[" + feature("\"id\":\"a\"") + "]}";
        assertTrue(assertThrows(InvalidFieldException.class, () -> GeoJson.features(utm)).getMessage().contains("not WGS 84"));
        String crs84 = utm.replace("urn:ogc:def:crs:EPSG::32633", "urn:ogc:def:crs:OGC:1.3:CRS84");
        assertEquals(1, GeoJson.features(crs84).size());
    }

    @Test
    void roundTripsAPolygon() {
        var p = TestGeometry.irregular(15, 50, 200, 9, new java.util.Random(1));
        assertTrue(p.equalsExact(GeoJson.polygon(GeoJson.write(p)), 1e-9));
    }

    @Test
    void refusesTrailingContentDeepNestingAndNonObjects() {
        String ok = GeoJson.write(TestGeometry.rectangle(15, 50, 100, 100));
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                assertThrows(InvalidFieldException.class, () -> GeoJson.polygon(ok + " {}")).reason());
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                assertThrows(InvalidFieldException.class, () -> GeoJson.polygon("[".repeat(100) + "]".repeat(100))).reason());
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                assertThrows(InvalidFieldException.class, () -> GeoJson.features("[1,2]")).reason());
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                assertThrows(InvalidFieldException.class, () -> GeoJson.polygon("{\"type\":\"Polygon\",\"coordinates\":[[[\"15\",50],[15,51],[16,51],[\"15\",50]]]}")).reason());
        assertEquals(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                assertThrows(InvalidFieldException.class, () -> GeoJson.polygon("")).reason());
    }

    private static String ring(int positions, double lon0, double lat0, double size) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < positions - 1; i++) {
            double a = 2 * Math.PI * i / (positions - 1);
            b.append(String.format(java.util.Locale.ROOT, "[%.9f,%.9f],", lon0 + size * Math.cos(a), lat0 + size * Math.sin(a)));
        }
        return b.append(String.format(java.util.Locale.ROOT, "[%.9f,%.9f]]", lon0 + size, lat0)).toString();
    }

    @Test
    void boundariesWithMorePositionsOrRingsThanTheLimitsAreRefusedBeforeAnyGeometryIsBuilt() {
        String many = "{\"type\":\"Polygon\",\"coordinates\":[" + ring(GeoJson.MAX_POSITIONS + 1, 15.1, 50.0, 0.001) + "]}";
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> GeoJson.boundary(many));
        assertEquals(InvalidFieldException.Reason.TOO_COMPLEX, e.reason());
        assertTrue(e.getMessage().contains("at most " + GeoJson.MAX_POSITIONS), e.getMessage());
        String atLimit = "{\"type\":\"Polygon\",\"coordinates\":[" + ring(GeoJson.MAX_POSITIONS, 15.1, 50.0, 0.001) + "]}";
        assertEquals(GeoJson.MAX_POSITIONS, GeoJson.boundary(atLimit).getNumPoints());

        StringBuilder parts = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
        for (int i = 0; i <= GeoJson.MAX_RINGS; i++) parts.append(i > 0 ? "," : "").append('[').append(ring(5, 15 + i * 0.01, 50, 0.001)).append(']');
        InvalidFieldException rings = assertThrows(InvalidFieldException.class, () -> GeoJson.boundary(parts + "]}"));
        assertEquals(InvalidFieldException.Reason.TOO_COMPLEX, rings.reason());
        assertTrue(rings.getMessage().contains("rings, at most " + GeoJson.MAX_RINGS), rings.getMessage());
    }
}
