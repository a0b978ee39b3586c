package io.telerisk.agri.field;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Reads WGS 84 field boundaries from GeoJSON (RFC 7946: positions are [longitude, latitude]). Accepts a Polygon
 * (holes as further rings) or MultiPolygon geometry (a field in parts, or one split at the antimeridian as RFC 7946
 * §3.1.9 asks), a Feature holding one, or a FeatureCollection of them. A field's id is the Feature's {@code id} member (RFC 7946),
 * else its {@code properties.id}, or the property the user names; a feature with none of them is an error naming
 * the feature and its properties (never a made-up {@code feature-0}), and so is an id used twice. A {@code crs}
 * member other than WGS 84 longitude/latitude (RFC 7946 removed {@code crs}; older files still carry it) is refused
 * rather than silently read as degrees.
 * Structural problems throw {@link InvalidFieldException} with the reason; geometric validity (closed ring,
 * self-intersection, area) is {@link FieldRegistry}'s job, so rings are built without JTS's closure check.
 *
 * <p>Limits, checked while reading so a hostile document costs neither memory nor validation time (docs/security.md
 * "Hostile documents"): {@value #MAX_DEPTH} levels of nesting ({@code MALFORMED_GEOJSON}), and as
 * {@link InvalidFieldException.Reason#TOO_COMPLEX} {@value #MAX_POSITIONS} positions
 * and {@value #MAX_RINGS} rings in one field boundary (a surveyed 1,000 ha field at 1 m spacing has about 13,000
 * positions) and {@value #MAX_VALUES} JSON values in one document (about
 * 2,000 fields of 1,000 positions each).
 */
public final class GeoJson {
    /** Positions in one field boundary, all rings and parts together. */
    public static final int MAX_POSITIONS = 100_000;
    /** Rings (shells and holes) in one field boundary. */
    public static final int MAX_RINGS = 1_000;
    /** Nesting of JSON arrays and objects in one document. */
    public static final int MAX_DEPTH = 64;
    /** JSON values (numbers, strings, arrays, objects…) in one document. */
    public static final int MAX_VALUES = 5_000_000;

    private static final JsonFactory JSON = new JsonFactory();
    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** A field boundary (Polygon or MultiPolygon) with the id of its feature. */
    public record IdentifiedPolygon(String id, Geometry polygon) {
    }

    private GeoJson() {
    }

    /** Parses one Polygon (geometry or feature); a MultiPolygon is refused. */
    public static Polygon polygon(String geoJson) {
        if (boundary(geoJson) instanceof Polygon p) return p;
        throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "geometry type 'MultiPolygon', expected Polygon");
    }

    /** Parses one field boundary, a Polygon or MultiPolygon (geometry or feature). */
    public static Geometry boundary(String geoJson) {
        Map<String, Object> n = object(parse(geoJson), "GeoJSON document");
        if ("Feature".equals(n.get("type"))) n = object(n.get("geometry"), "Feature geometry");
        return geometry(n);
    }

    /** Parses a FeatureCollection (or a single Feature) into identified polygons, ids as the class says. */
    public static List<IdentifiedPolygon> features(String geoJson) {
        return features(geoJson, null);
    }

    /**
     * Parses a FeatureCollection (or a single Feature) into identified polygons.
     *
     * @param idProperty the property holding each field's id, or null for the Feature {@code id} (else
     *                   {@code properties.id})
     */
    public static List<IdentifiedPolygon> features(String geoJson, String idProperty) {
        Map<String, Object> n = object(parse(geoJson), "GeoJSON document");
        checkCrs(n);
        List<Map<String, Object>> features = new ArrayList<>();
        Object type = n.get("type");
        if ("FeatureCollection".equals(type)) {
            if (!(n.get("features") instanceof List<?> fs)) {
                throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "FeatureCollection without a features array");
            }
            for (int i = 0; i < fs.size(); i++) features.add(object(fs.get(i), "feature #" + i));
        } else if ("Feature".equals(type)) {
            features.add(n);
        } else {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "a bare " + type
                    + " has no field id: give a Feature (or FeatureCollection) whose features carry an \"id\"");
        }
        List<IdentifiedPolygon> out = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < features.size(); i++) {
            Map<String, Object> f = features.get(i);
            String id = featureId(f, idProperty, i);
            if (!seen.add(id)) {
                throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "feature #" + i + ": id '" + id + "' is used twice");
            }
            try {
                out.add(new IdentifiedPolygon(id, geometry(object(f.get("geometry"), "geometry"))));
            } catch (InvalidFieldException e) {
                throw new InvalidFieldException(e.reason(), "feature " + id + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static String featureId(Map<String, Object> feature, String idProperty, int index) {
        Map<?, ?> props = feature.get("properties") instanceof Map<?, ?> p ? p : Map.of();
        Object id = idProperty != null ? props.get(idProperty) : feature.get("id") != null ? feature.get("id") : props.get("id");
        if (id instanceof String || id instanceof Number) {
            String s = id.toString().strip();
            if (!s.isEmpty()) return s;
        }
        String where = idProperty != null ? "no property '" + idProperty + "'" : "no \"id\" member and no 'id' property";
        throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "feature #" + index + " has " + where
                + " to name its field; its properties are " + (props.isEmpty() ? "none" : new java.util.TreeSet<>(props.keySet().stream().map(String::valueOf).toList()))
                + (idProperty == null ? " (name the property holding the id: --id-property NAME)" : ""));
    }

    /** RFC 7946 positions are WGS 84 longitude/latitude; an old-style crs naming anything else is refused. */
    private static void checkCrs(Map<String, Object> doc) {
        if (!(doc.get("crs") instanceof Map<?, ?> crs)) return;
        Object name = crs.get("properties") instanceof Map<?, ?> p ? p.get("name") : null;
        String s = name == null ? "" : name.toString();
        if (s.equals("urn:ogc:def:crs:OGC:1.3:CRS84") || s.equals("urn:ogc:def:crs:OGC::CRS84") || s.equals("CRS84")) return;
        throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "crs '" + (s.length() > 80 ? s.substring(0, 80) : s)
                + "' is not WGS 84 longitude/latitude (CRS84): reproject the file to EPSG:4326 lon/lat (e.g. ogr2ogr -t_srs CRS:84)"
                + " and drop the crs member");
    }

    /** Writes a Polygon or MultiPolygon as a GeoJSON geometry of that type. */
    public static String write(Geometry g) {
        if (g instanceof MultiPolygon m) {
            StringBuilder b = new StringBuilder("{\"type\":\"MultiPolygon\",\"coordinates\":[");
            for (int i = 0; i < m.getNumGeometries(); i++) {
                if (i > 0) b.append(',');
                rings(b, (Polygon) m.getGeometryN(i));
            }
            return b.append("]}").toString();
        }
        StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":");
        rings(b, (Polygon) FieldGeometry.polygonal(g));
        return b.append('}').toString();
    }

    private static void rings(StringBuilder b, Polygon p) {
        b.append('[');
        ring(b, p.getExteriorRing().getCoordinates());
        for (int i = 0; i < p.getNumInteriorRing(); i++) {
            b.append(',');
            ring(b, p.getInteriorRingN(i).getCoordinates());
        }
        b.append(']');
    }

    private static void ring(StringBuilder b, Coordinate[] cs) {
        b.append('[');
        for (int i = 0; i < cs.length; i++) {
            if (i > 0) b.append(',');
            b.append(String.format(Locale.ROOT, "[%.9f,%.9f]", cs[i].x, cs[i].y));
        }
        b.append(']');
    }

    /**
     * Streams the document into maps, lists, strings, numbers (Long or Double) and booleans. Streaming keeps a
     * 2,000-field file cheap to read (no JSON tree, no data binding).
     */
    private static Object parse(String s) {
        try (JsonParser p = JSON.createParser(s)) {
            JsonToken t = p.nextToken();
            if (t == null) throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "empty document");
            Object v = value(p, t, 0, new int[1]);
            if (p.nextToken() != null) throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "trailing content after the document");
            return v;
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "unreadable: " + e.getMessage());
        }
    }

    private static Object value(JsonParser p, JsonToken t, int depth, int[] values) throws IOException {
        if (depth > MAX_DEPTH) throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "nesting deeper than " + MAX_DEPTH + " levels");
        if (++values[0] > MAX_VALUES) {
            throw new InvalidFieldException(InvalidFieldException.Reason.TOO_COMPLEX, "more than " + MAX_VALUES + " JSON values in one document");
        }
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new HashMap<>();
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    m.put(key, value(p, p.nextToken(), depth + 1, values));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while ((t = p.nextToken()) != JsonToken.END_ARRAY) l.add(value(p, t, depth + 1, values));
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? (Object) p.getDoubleValue() : (Object) p.getLongValue();
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return t == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return null;
            }
            default -> throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "unexpected " + t);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, what + " is not a JSON object");
    }

    private static Geometry geometry(Map<String, Object> g) {
        checkComplexity(g.get("coordinates"), "MultiPolygon".equals(g.get("type")));
        if ("MultiPolygon".equals(g.get("type"))) {
            if (!(g.get("coordinates") instanceof List<?> parts) || parts.isEmpty()) {
                throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "MultiPolygon without coordinates");
            }
            Polygon[] ps = new Polygon[parts.size()];
            for (int i = 0; i < ps.length; i++) {
                try {
                    ps[i] = polygon(parts.get(i));
                } catch (InvalidFieldException e) {
                    throw new InvalidFieldException(e.reason(), "part " + i + ": " + e.getMessage());
                }
            }
            return GEOMETRY.createMultiPolygon(ps);
        }
        if (!"Polygon".equals(g.get("type"))) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON,
                    "geometry type '" + g.get("type") + "', expected Polygon or MultiPolygon");
        }
        return polygon(g.get("coordinates"));
    }

    /** Counts rings and positions before any geometry is built (JTS validation is superlinear in positions). */
    private static void checkComplexity(Object coordinates, boolean multi) {
        if (!(coordinates instanceof List<?> top)) return; // shape errors are reported by the builders
        long rings = 0, positions = 0;
        for (Object part : multi ? top : List.of(top)) {
            if (!(part instanceof List<?> rs)) continue;
            rings += rs.size();
            for (Object r : rs) if (r instanceof List<?> ps) positions += ps.size();
        }
        if (rings > MAX_RINGS) {
            throw new InvalidFieldException(InvalidFieldException.Reason.TOO_COMPLEX, "boundary has " + rings + " rings, at most " + MAX_RINGS + " accepted");
        }
        if (positions > MAX_POSITIONS) {
            throw new InvalidFieldException(InvalidFieldException.Reason.TOO_COMPLEX, "boundary has " + positions
                    + " positions, at most " + MAX_POSITIONS + " accepted (simplify it, e.g. ogr2ogr -simplify 0.00001, about 1 m)");
        }
    }

    private static Polygon polygon(Object coordinates) {
        if (!(coordinates instanceof List<?> rings) || rings.isEmpty()) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "Polygon without coordinates");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) holes[i - 1] = ring(rings.get(i));
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static LinearRing ring(Object r) {
        if (!(r instanceof List<?> positions)) {
            throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "ring is not an array");
        }
        Coordinate[] cs = new Coordinate[positions.size()];
        for (int i = 0; i < cs.length; i++) {
            if (!(positions.get(i) instanceof List<?> p) || p.size() < 2 || !(p.get(0) instanceof Number x) || !(p.get(1) instanceof Number y)) {
                throw new InvalidFieldException(InvalidFieldException.Reason.MALFORMED_GEOJSON, "position " + i + " is not [lon, lat]");
            }
            double lon = x.doubleValue(), lat = y.doubleValue();
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
