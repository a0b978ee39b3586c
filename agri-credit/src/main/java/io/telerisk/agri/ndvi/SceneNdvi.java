package io.telerisk.agri.ndvi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** NDVI of every requested field in one scene, in the order the fields were given. */
public record SceneNdvi(String sceneId, Instant acquired, List<FieldNdvi> fields) {
    public SceneNdvi {
        Objects.requireNonNull(sceneId, "sceneId");
        Objects.requireNonNull(acquired, "acquired");
        fields = List.copyOf(fields);
    }
}
