package io.telerisk.agri.field;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Polygon;
import org.opengis.referencing.operation.MathTransform;

/**
 * What a field boundary may be and where it is: a WGS 84 Polygon (holes allowed) or MultiPolygon (a field in
 * several parts, or one split at the antimeridian as RFC 7946 asks), x = longitude, y = latitude.
 *
 * <p>Longitudes are compared on the circle, not the line: a field with parts at 179.99° and -179.99° is a few
 * hundred metres wide, not 360° wide, so its centre is near 180°, not near 0°.
 */
public final class FieldGeometry {
    private FieldGeometry() {
    }

    /** {@code g} when it is a Polygon or MultiPolygon, else an {@link IllegalArgumentException}. */
    public static Geometry polygonal(Geometry g) {
        if (g instanceof Polygon || g instanceof MultiPolygon) return g;
        throw new IllegalArgumentException("a field boundary is a Polygon or MultiPolygon, not a " + (g == null ? "null" : g.getGeometryType()));
    }

    /**
     * The centre of the field as (longitude in [-180, 180), latitude): the area centroid with every longitude taken
     * within 180° of the first vertex's, so fields across the antimeridian are centred where they lie.
     */
    public static Coordinate centre(Geometry wgs84) {
        Geometry g = polygonal(wgs84);
        double ref = g.getCoordinates()[0].x;
        Coordinate c = wrapped(g, ref).getCentroid().getCoordinate();
        return new Coordinate(normalise(c.x), c.y);
    }

    /** A copy of {@code wgs84} with every longitude moved by whole turns into [centre - 180, centre + 180). */
    public static Geometry wrapped(Geometry wgs84, double centreLon) {
        Geometry g = wgs84.copy();
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                double x = seq.getX(i);
                double d = x - centreLon;
                if (d >= 180 || d < -180) seq.setOrdinate(i, 0, x - 360 * Math.floor((d + 180) / 360));
            }

            @Override
            public boolean isDone() { return false; }

            @Override
            public boolean isGeometryChanged() { return true; }
        });
        g.geometryChanged();
        return g;
    }

    /**
     * {@code g} (already a private copy) with every vertex transformed in place by {@code mt}; a vertex that does not
     * transform to a finite point is an {@link IllegalArgumentException}.
     */
    static Geometry transformed(Geometry g, MathTransform mt) {
        double[] pt = new double[2];
        g.apply(new CoordinateSequenceFilter() {
            @Override
            public void filter(CoordinateSequence seq, int i) {
                pt[0] = seq.getX(i);
                pt[1] = seq.getY(i);
                try {
                    mt.transform(pt, 0, pt, 0, 1);
                } catch (Exception e) {
                    throw new IllegalArgumentException("cannot project coordinates " + seq.getCoordinate(i) + ": " + e.getMessage(), e);
                }
                if (!Double.isFinite(pt[0]) || !Double.isFinite(pt[1])) {
                    throw new IllegalArgumentException("coordinate " + seq.getCoordinate(i) + " does not project to a finite point");
                }
                seq.setOrdinate(i, 0, pt[0]);
                seq.setOrdinate(i, 1, pt[1]);
            }

            @Override
            public boolean isDone() { return false; }

            @Override
            public boolean isGeometryChanged() { return true; }
        });
        g.geometryChanged();
        return g;
    }

    /** {@code lon} in [-180, 180). */
    public static double normalise(double lon) {
        return lon - 360 * Math.floor((lon + 180) / 360);
    }
}
