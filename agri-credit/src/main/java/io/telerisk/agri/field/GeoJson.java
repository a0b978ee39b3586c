package io.telerisk.agri.field;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads WGS 84 polygons from GeoJSON (RFC 7946: positions are [longitude, latitude]). Accepts a Polygon geometry,
 * a Feature holding one, or a FeatureCollection of them (each feature's {@code properties.id} names the field).
 * Structural problems throw {@link InvalidFieldException} with the reason; geometric validity (closed ring,
 * self-intersection, area) is {@link FieldValidator}'s job, so rings are built without JTS's closure check.
 */
public final class GeoJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** A polygon with the id from its feature's properties (or {@code null}). */
    public record IdentifiedPolygon(String id, Polygon polygon) {
    }

    private GeoJson() {
    }

    /** Parses one polygon (geometry or feature). */
    public static Polygon polygon(String geoJson) {
        JsonNode n = parse(geoJson);
        if ("Feature".equals(n.path("type").asText())) n = n.path("geometry");
        return polygon(n);
    }

    /** Parses a FeatureCollection (or a single Feature/Polygon) into identified polygons. */
    public static List<IdentifiedPolygon> features(String geoJson) {
        JsonNode n = parse(geoJson);
        List<IdentifiedPolygon> out = new ArrayList<>();
        String type = n.path("type").asText();
        if ("FeatureCollection".equals(type)) {
            int i = 0;
            for (JsonNode f : n.path("features")) {
                String id = f.path("properties").path("id").asText(null);
                if (id == null) id = f.path("id").asText(null);
                try {
                    out.add(new IdentifiedPolygon(id == null ? "feature-" + i : id, polygon(f.path("geometry"))));
                } catch (InvalidFieldException e) {
                    throw new InvalidFieldException(e.reason(), "feature " + (id == null ? "#" + i : id) + ": " + e.getMessage());
                }
                i++;
            }
        } else if ("Feature".equals(type)) {
            out.add(new IdentifiedPolygon(n.path("properties").path("id").asText("feature-0"), polygon(n.path("geometry"))));
        } else {
            out.add(new IdentifiedPolygon("feature-0", polygon(n)));
        }
        return out;
    }

    /** Writes a polygon as a GeoJSON Polygon geometry. */
    public static String write(Polygon p) {
        StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[");
        ring(b, p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            b.append(',');
            ring(b, p.getInteriorRingN(i).getCoordinates());
        }
        return b.append("]}").toString();
    }

    private static void ring(StringBuilder b, Coordinate[] cs) {
        b.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) b.append(',');
            b.append(String.format(Locale.ROOT, "[%.9f,%.9f]", cs[i].x, cs[i].y));
        }
        b.append(']');
    }

    private static JsonNode parse(String s) {
        try {
            return JSON.readTree(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Polygon polygon(JsonNode g) {
        if (!"Polygon".equals(g.path("type").asText())) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                    "geometry type '" + g.path("type").asText() + "', expected Polygon");
        }
        JsonNode rings = g.path("coordinates");
        if (!rings.isArray() || rings.isEmpty()) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "Polygon without coordinates");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) holes[i - 1] = ring(rings.get(i));
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(JsonNode r) {
        if (!r.isArray()) throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "ring is not an array");
        Coordinate[] cs = new Coordinate[r.size()];
        for (int i = 0; i < r.size(); i++) {
            JsonNode p = r.get(i);
            if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
                throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "position " + i + " is not [lon, lat]");
            }
            double lon = p.get(0).asDouble(), lat = p.get(1).asDouble();
            if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90)) {
                throw new InvalidFieldException(InvalidFieldException.Reason.OUT_OF_RANGE,
                        "position " + i + " [" + lon + ", " + lat + "] is not a WGS 84 longitude/latitude");
            }
            cs[i] = new Coordinate(lon, lat);
        }
        if (cs.length < 4) {
            throw new InvalidFieldException(InvalidFieldException.Reason.TOO_FEW_POSITIONS, "ring has " + cs.length + " positions, at least 4 needed");
        }
        if (!cs[0].equals2D(cs[cs.length - 1])) {
            throw new InvalidFieldException(InvalidFieldException.Reason.RING_NOT_CLOSED,
                    "ring is not closed: first position " + cs[0] + " differs from last " + cs[cs.length - 1]);
        }
        return GEOMETRY.createLinearRing(cs);
    }
}
