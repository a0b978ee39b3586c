package io.telerisk.agri.field;

import io.telerisk.agri.TestGeometry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GeoJsonTest {
    @Test
    void readsFeatureCollectionWithStringNumericAndMissingIdsAndHoles() {
        String hole = GeoJson.write(TestGeometry.withHole(15, 50, 300));
        List<GeoJson.IdentifiedPolygon> l = GeoJson.features("{\"features\":[{\"type\":\"Feature\",\"properties\":{\"id\":17,\"crop\":\"maize\"},"
                + "\"geometry\":" + hole + "},{\"type\":\"Feature\",\"id\":\"top-level\",\"properties\":null,\"geometry\":" + hole + "},"
                + "{\"type\":\"Feature\",\"geometry\":" + hole + ",\"properties\":{\"tags\":[1,2.5,true,null]}}],\"type\":\"FeatureCollection\"}");
        assertEquals(List.of("17", "top-level", "feature-2"), l.stream().map(GeoJson.IdentifiedPolygon::id).toList());
        assertEquals(1, l.get(0).polygon().getNumInteriorRing());
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
}
