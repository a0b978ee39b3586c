package io.telerisk.agri;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.util.Random;

/** Builds WGS 84 field polygons for tests. */
public final class TestGeometry {
    public static final GeometryFactory GF = new GeometryFactory();
    private static final double M_PER_DEG_LAT = 111_320;

    private TestGeometry() {
    }

    /** An axis-aligned rectangle with its south-west corner at (lon, lat), sized in metres. */
    public static Polygon rectangle(double lon, double lat, double widthM, double heightM) {
        double dLon = widthM / (M_PER_DEG_LAT * Math.cos(Math.toRadians(lat))), dLat = heightM / M_PER_DEG_LAT;
        return GF.createPolygon(new Coordinate[]{new Coordinate(lon, lat), new Coordinate(lon + dLon, lat),
                new Coordinate(lon + dLon, lat + dLat), new Coordinate(lon, lat + dLat), new Coordinate(lon, lat)});
    }

    /** A star-ish convex-or-not polygon of n vertices with radii between 0.6 and 1 times radiusM around a centre. */
    public static Polygon irregular(double lon, double lat, double radiusM, int n, Random rnd) {
        Coordinate[] cs = new Coordinate[n + 1];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * i / n;
            double r = radiusM * (0.6 + 0.4 * rnd.nextDouble());
            cs[i] = new Coordinate(lon + r * Math.cos(a) / (M_PER_DEG_LAT * Math.cos(Math.toRadians(lat))), lat + r * Math.sin(a) / M_PER_DEG_LAT);
        }
        cs[n] = cs[0];
        return GF.createPolygon(cs);
    }

    /**
     * A polygon given with longitudes beyond 180° cut at the antimeridian into a MultiPolygon whose eastern part is
     * written at -180° and beyond, as RFC 7946 §3.1.9 asks.
     */
    public static org.locationtech.jts.geom.MultiPolygon splitAtAntimeridian(Polygon unwrapped) {
        var env = unwrapped.getEnvelopeInternal();
        Polygon west = (Polygon) unwrapped.intersection(GF.toGeometry(new org.locationtech.jts.geom.Envelope(env.getMinX(), 180, env.getMinY(), env.getMaxY())));
        Polygon east = (Polygon) unwrapped.intersection(GF.toGeometry(new org.locationtech.jts.geom.Envelope(180, env.getMaxX(), env.getMinY(), env.getMaxY())));
        Coordinate[] shifted = east.getExteriorRing().getCoordinates();
        for (Coordinate c : shifted) c.x -= 360;
        return GF.createMultiPolygon(new Polygon[]{west, GF.createPolygon(shifted)});
    }

    /** A rectangle with a rectangular hole in its middle third. */
    public static Polygon withHole(double lon, double lat, double sizeM) {
        Polygon outer = rectangle(lon, lat, sizeM, sizeM);
        Polygon inner = rectangle(lon + sizeM / 3 / (M_PER_DEG_LAT * Math.cos(Math.toRadians(lat))), lat + sizeM / 3 / M_PER_DEG_LAT, sizeM / 3, sizeM / 3);
        LinearRing hole = GF.createLinearRing(inner.getExteriorRing().getCoordinates());
        return GF.createPolygon(GF.createLinearRing(outer.getExteriorRing().getCoordinates()), new LinearRing[]{hole});
    }
}
