package io.telerisk.agri.ndvi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * NDVI of every requested field in one scene, in the order the fields were given.
 *
 * @param negativeReflectancePixels clear field pixels left out because a reflectance was negative (their NDVI would
 *                                  lie outside [-1, 1]); each field counts its own among its masked pixels
 */
public record SceneNdvi(String sceneId, Instant acquired, List<FieldNdvi> fields, long negativeReflectancePixels) {
    public SceneNdvi {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(acquired, "acquired");
        fields = List.copyOf(fields);
    }

    /** A scene without negative-reflectance pixels. */
    public SceneNdvi(String sceneId, Instant acquired, List<FieldNdvi> fields) {
        this(sceneId, acquired, fields, 0);
    }
}
