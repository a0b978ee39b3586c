package io.telerisk.agri.scene.synthetic;

import org.locationtech.jts.geom.Geometry;

import java.util.Objects;

/** A field to paint into a synthetic scene: its WGS 84 boundary and the NDVI its pixels scatter around. */
public record SyntheticField(Geometry wgs84, double ndvi) {
    public SyntheticField {
        Objects.requireNonNull(wgs84, "wgs84");
        if (ndvi < -1 || ndvi > 1) throw new IllegalArgumentException("NDVI must be in [-1, 1]: " + ndvi);
    }
}
