package io.telerisk.agri.scene;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * One Sentinel-2 L2A acquisition as three single-band GeoTIFFs on disk.
 *
 * @param sceneId  product or tile identifier, e.g. {@code S2B_MSIL2A_20240612T..._T33UVP}
 * @param acquired sensing time (UTC)
 * @param red      B04, 10 m, UInt16 DN
 * @param nir      B08, 10 m, UInt16 DN
 * @param scl      scene classification, UInt8, 10 m or 20 m; {@code null} when not available (then only DN 0
 *                 is masked and clouds are not detected)
 * @param scaling  quantification and BOA offset of the product's processing baseline
 */
public record Sentinel2Scene(String sceneId, Instant acquired, Path red, Path nir, Path scl, RadiometricScaling scaling) {
    public Sentinel2Scene {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(acquired, "acquired");
        Objects.requireNonNull(red, "red");
        Objects.requireNonNull(nir, "nir");
        Objects.requireNonNull(scaling, "scaling");
    }
}
