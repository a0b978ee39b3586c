package io.telerisk.hub.agri;

import io.telerisk.agri.field.Field;
import io.telerisk.agri.ndvi.FieldBoundary;
import io.telerisk.agri.ndvi.NdviIngest;
import io.telerisk.agri.ndvi.NdviPoint;
import io.telerisk.agri.scene.ProductMetadata;
import io.telerisk.agri.scene.RadiometricScaling;
import io.telerisk.agri.scene.SceneReadException;
import io.telerisk.agri.scene.Sentinel2Scene;
import io.telerisk.hub.auth.Principal;
import io.telerisk.hub.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static io.telerisk.hub.agri.AgriInput.instant;
import static io.telerisk.hub.agri.AgriInput.requireAny;
import static io.telerisk.hub.agri.AgriInput.text;

/**
 * Sentinel-2 scenes into the NDVI series ({@code POST /api/v1/agri/scenes}, operators): band files on the hub host,
 * the radiometric offset the product states, the zonal NDVI of every field of the tenant (agri-credit's
 * {@link NdviIngest}).
 */
public final class SceneIngestApi {
    private final JdbcFieldRepository fields;
    private final NdviIngest ingest;

    SceneIngestApi(JdbcFieldRepository fields, NdviIngest ingest) {
        this.fields = Objects.requireNonNull(fields);
        this.ingest = Objects.requireNonNull(ingest);
    }

    /**
     * Ingests one Sentinel-2 scene from GeoTIFFs on the hub host (operators only): the NDVI of every field of the
     * tenant is stored as one point per field. 422 with the reader's reason when the scene cannot be used. The
     * radiometric offset is the one the product states (the bands' GDAL_METADATA, else {@code metadata}, the path of
     * its MTD_MSIL2A.xml), else {@code processingBaseline}'s, else 04.00's; pixels contradicting it are refused
     * (IMPLAUSIBLE_REFLECTANCE) rather than turned into NDVI outside [-1, 1].
     */
    public AgriReply ingestScene(Principal p, String tenant, JsonObject b) {
        requireAny(p, Role.OPERATOR, Role.PLATFORM_OPERATOR);
        String sceneId = text(b, "sceneId", true);
        Instant acquired = instant("acquired", text(b, "acquired", true));
        Path red = file(b, "red", true);
        Path nir = file(b, "nir", true);
        Path scl = file(b, "scl", false);
        Path mtd = file(b, "metadata", false);
        RadiometricScaling scaling;
        try {
            ProductMetadata stated = mtd == null ? ProductMetadata.NONE : ProductMetadata.fromMtdFile(mtd);
            scaling = stated.scaling().orElse(RadiometricScaling.forProcessingBaseline(b.getString("processingBaseline", "04.00")));
        } catch (SceneReadException e) {
            return new AgriReply(422, new JsonObject().put("status", 422).put("error", "unusable_scene")
                    .put("reason", e.reason().name()).put("detail", e.getMessage()));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw AgriProblem.badRequest(e.getMessage());
        }
        List<FieldBoundary> boundaries = new ArrayList<>();
        for (Field f : fields.list(tenant, null)) boundaries.add(new FieldBoundary(f.fieldId(), f.boundary()));
        if (boundaries.isEmpty()) throw new AgriProblem(409, "conflict", "tenant " + tenant + " has no registered fields");
        NdviIngest.Result r = ingest.ingest(tenant, new Sentinel2Scene(sceneId, acquired, red, nir, scl, scaling), boundaries);
        if (r instanceof NdviIngest.Result.Rejected rej) {
            return new AgriReply(422, new JsonObject().put("status", 422).put("error", "unusable_scene")
                    .put("reason", rej.reason().name()).put("detail", rej.detail()));
        }
        NdviIngest.Result.Stored s = (NdviIngest.Result.Stored) r;
        JsonArray results = new JsonArray();
        for (var fn : s.ndvi().fields()) {
            results.add(AgriJson.ndvi(new NdviPoint(tenant, fn.fieldId(), acquired, sceneId, fn)).put("fieldId", fn.fieldId()));
        }
        return AgriReply.ok(new JsonObject().put("sceneId", sceneId).put("acquired", acquired.toString())
                .put("fields", boundaries.size()).put("observed", s.observed()).put("notObserved", s.notObserved())
                .put("negativeReflectancePixels", s.ndvi().negativeReflectancePixels()).put("results", results));
    }

    private static Path file(JsonObject b, String name, boolean required) {
        String s = text(b, name, required);
        if (s == null) return null;
        Path path;
        try {
            path = Paths.get(s);
        } catch (RuntimeException e) {
            throw AgriProblem.badRequest(name + " is not a valid path");
        }
        if (!path.isAbsolute()) throw AgriProblem.badRequest(name + " must be an absolute path on the hub host");
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw AgriProblem.badRequest(name + " " + path + " is not a readable file on the hub host");
        }
        return path;
    }
}
