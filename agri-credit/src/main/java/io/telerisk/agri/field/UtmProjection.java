package io.telerisk.agri.field;

import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.operation.MathTransform;

import java.util.concurrent.ConcurrentHashMap;

/**
 * WGS 84 longitude/latitude to WGS 84 / UTM, with Apache SIS doing the projection ({@code CRS.forCode("EPSG:326zz")}
 * and {@code CRS.findOperation}) and JTS holding the geometry. Transforms are cached per EPSG code; thread-safe.
 */
public final class UtmProjection {
    private static final GeometryFactory GEOMETRY = new GeometryFactory();
    private static final ConcurrentHashMap<Integer, MathTransform> TRANSFORMS = new ConcurrentHashMap<>();

    private UtmProjection() {
    }

    /**
     * The EPSG code of the WGS 84 / UTM zone containing a point: 326zz north of the equator, 327zz south, with the
     * Norway (32V) and Svalbard (31X..37X) exceptions.
     */
    public static int zoneEpsg(double lonDeg, double latDeg) {
        if (!(lonDeg >= -180 && lonDeg <= 180) || !(latDeg >= -80 && latDeg <= 84)) {
            throw new IllegalArgumentException("outside the UTM domain: lon " + lonDeg + ", lat " + latDeg);
        }
        int zone = (int) Math.floor((lonDeg + 180) / 6) + 1;
        if (zone > 60) zone = 60;
        if (latDeg >= 56 && latDeg < 64 && lonDeg >= 3 && lonDeg < 12) zone = 32;
        if (latDeg >= 72) {
            if (lonDeg >= 0 && lonDeg < 9) zone = 31;
            else if (lonDeg >= 9 && lonDeg < 21) zone = 33;
            else if (lonDeg >= 21 && lonDeg < 33) zone = 35;
            else if (lonDeg >= 33 && lonDeg < 42) zone = 37;
        }
        return (latDeg >= 0 ? 32600 : 32700) + zone;
    }

    /** True for WGS 84 / UTM codes (32601..32660, 32701..32760), the CRSs Sentinel-2 tiles use. */
    public static boolean isWgs84Utm(int epsg) {
        return (epsg >= 32601 && epsg <= 32660) || (epsg >= 32701 && epsg <= 32760);
    }

    /**
     * Projects a WGS 84 (lon, lat) polygon into a projected CRS given by EPSG code.
     *
     * @throws IllegalArgumentException when the CRS is unknown or a coordinate cannot be projected
     */
    public static Polygon project(Polygon wgs84, int epsg) {
        return (Polygon) project((Geometry) wgs84, epsg);
    }

    /**
     * Projects a WGS 84 (lon, lat) Polygon or MultiPolygon into a projected CRS given by EPSG code. For a UTM zone the
     * longitudes are first taken within 180° of the zone's central meridian, so a field split at the antimeridian
     * (parts at 179.99° and -179.99°) lands in one piece in zone 60 or zone 1, as the scene's pixels do.
     *
     * @throws IllegalArgumentException when the CRS is unknown or a coordinate cannot be projected
     */
    public static Geometry project(Geometry wgs84, int epsg) {
        MathTransform mt = TRANSFORMS.computeIfAbsent(epsg, UtmProjection::transformTo);
        Geometry g = isWgs84Utm(epsg) ? FieldGeometry.wrapped(wgs84, centralMeridian(epsg)) : wgs84.copy();
        return FieldGeometry.transformed(g, mt);
    }

    /** The central meridian of a WGS 84 / UTM zone, in degrees. */
    public static double centralMeridian(int utmEpsg) {
        if (!isWgs84Utm(utmEpsg)) throw new IllegalArgumentException("EPSG:" + utmEpsg + " is not a WGS 84 / UTM zone");
        return -183 + 6 * (utmEpsg % 100);
    }

    /**
     * Starts Apache SIS's one-off initialisation (a few hundred milliseconds of class loading and factory set-up) on a
     * daemon thread, so a short-lived command can overlap it with reading its inputs. Optional.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            try {
                TRANSFORMS.computeIfAbsent(32631, UtmProjection::transformTo);
            } catch (RuntimeException ignored) {
                // the real call will report the problem
            }
        }, "sis-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Projects a polygon from a projected CRS back to WGS 84 (lon, lat).
     *
     * @throws IllegalArgumentException when the CRS is unknown or a coordinate cannot be transformed
     */
    public static Polygon unproject(Polygon projected, int epsg) {
        MathTransform mt;
        try {
            mt = TRANSFORMS.computeIfAbsent(epsg, UtmProjection::transformTo).inverse();
        } catch (org.opengis.referencing.operation.NoninvertibleTransformException e) {
            throw new IllegalArgumentException("EPSG:" + epsg + " cannot be inverted", e);
        }
        LinearRing shell = projectRing(projected.getExteriorRing().getCoordinates(), mt);
        LinearRing[] holes = new LinearRing[projected.getNumInteriorRing()];
        for (int i = 0; i < holes.length; i++) holes[i] = projectRing(projected.getInteriorRingN(i).getCoordinates(), mt);
        return GEOMETRY.createPolygon(shell, holes);
    }

    private static MathTransform transformTo(int epsg) {
        try {
            var target = CRS.forCode("EPSG:" + epsg);
            return CRS.findOperation(CommonCRS.WGS84.normalizedGeographic(), target, null).getMathTransform();
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot build a transformation from WGS 84 to EPSG:" + epsg + ": " + e.getMessage(), e);
        }
    }

    private static LinearRing projectRing(Coordinate[] c, MathTransform mt) {
        double[] pts = new double[c.length * 2];
        for (int i = 0; i < c.length; i++) {
            pts[2 * i] = c[i].x;
            pts[2 * i + 1] = c[i].y;
        }
        try {
            mt.transform(pts, 0, pts, 0, c.length);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot project coordinates: " + e.getMessage(), e);
        }
        Coordinate[] out = new Coordinate[c.length];
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(pts[2 * i]) || !Double.isFinite(pts[2 * i + 1])) {
                throw new IllegalArgumentException("coordinate " + c[i] + " does not project to a finite point");
            }
            out[i] = new Coordinate(pts[2 * i], pts[2 * i + 1]);
        }
        return GEOMETRY.createLinearRing(out);
    }
}
