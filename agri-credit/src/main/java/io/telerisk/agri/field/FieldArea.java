package io.telerisk.agri.field;

import org.apache.sis.referencing.CRS;
import org.apache.sis.referencing.CommonCRS;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.opengis.referencing.operation.MathTransform;

import java.util.Locale;

/**
 * Areas of fields on the WGS 84 ellipsoid. Each field is projected (Apache SIS) into a Lambert Azimuthal Equal-Area
 * projection centred on the field itself, which preserves area exactly wherever the field lies: across a UTM zone
 * boundary (where UTM's scale error reaches +0.1 % per axis), across the antimeridian, and up to the poles (beyond
 * UTM's 84° N / 80° S). The remaining error is only that of straight edges between vertices, as in any GIS.
 */
public final class FieldArea {
    private FieldArea() {
    }

    /** A field's equal-area projection: project it and its neighbours into the same one to compare them. */
    public static final class Projection {
        private final MathTransform transform;
        private final double centreLon;

        private Projection(MathTransform transform, double centreLon) {
            this.transform = transform;
            this.centreLon = centreLon;
        }

        /** {@code wgs84} in metres of this projection. */
        public Geometry project(Geometry wgs84) {
            return FieldGeometry.transformed(FieldGeometry.wrapped(FieldGeometry.polygonal(wgs84), centreLon), transform);
        }

        /** Area of {@code wgs84} in hectares. */
        public double hectares(Geometry wgs84) {
            return project(wgs84).getArea() / 10_000;
        }
    }

    /** The equal-area projection centred on {@code wgs84}'s centre. */
    public static Projection centredOn(Geometry wgs84) {
        Coordinate c = FieldGeometry.centre(wgs84);
        String wkt = String.format(Locale.ROOT, "PROJCRS[\"LAEA centred on a field\",BASEGEODCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\","
                + "ELLIPSOID[\"WGS 84\",6378137,298.257223563]],ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "CONVERSION[\"LAEA\",METHOD[\"Lambert Azimuthal Equal Area\",ID[\"EPSG\",9820]],"
                + "PARAMETER[\"Latitude of natural origin\",%.9f,ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "PARAMETER[\"Longitude of natural origin\",%.9f,ANGLEUNIT[\"degree\",0.0174532925199433]],"
                + "PARAMETER[\"False easting\",0,LENGTHUNIT[\"metre\",1]],PARAMETER[\"False northing\",0,LENGTHUNIT[\"metre\",1]]],"
                + "CS[Cartesian,2],AXIS[\"easting (E)\",east],AXIS[\"northing (N)\",north],LENGTHUNIT[\"metre\",1]]", c.y, c.x);
        try {
            var target = CRS.fromWKT(wkt);
            return new Projection(CRS.findOperation(CommonCRS.WGS84.normalizedGeographic(), target, null).getMathTransform(), c.x);
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot build an equal-area projection at " + c + ": " + e.getMessage(), e);
        }
    }

    /** Area of a WGS 84 Polygon or MultiPolygon in hectares, on the ellipsoid. */
    public static double hectares(Geometry wgs84) {
        return centredOn(wgs84).hectares(wgs84);
    }
}
