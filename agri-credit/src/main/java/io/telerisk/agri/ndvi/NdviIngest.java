package io.telerisk.agri.ndvi;

import io.telerisk.agri.scene.SceneReadException;
import io.telerisk.agri.scene.Sentinel2Scene;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ingests a scene: computes every field's NDVI, then stores all points in one call. A scene that cannot be used
 * stores nothing and comes back as {@link Result.Rejected} with the reason; rejections are counted.
 */
public final class NdviIngest {
    private final ZonalNdvi zonal;
    private final NdviSeriesStore store;
    private final AtomicLong rejected = new AtomicLong();

    public NdviIngest(ZonalNdvi zonal, NdviSeriesStore store) {
        this.zonal = Objects.requireNonNull(zonal);
        this.store = Objects.requireNonNull(store);
    }

    /** Outcome of ingesting one scene. */
    public sealed interface Result permits Result.Stored, Result.Rejected {
        /** The scene's points were stored. */
        record Stored(SceneNdvi ndvi, int observed, int notObserved) implements Result {
        }

        /** Nothing stored. */
        record Rejected(SceneReadException.Reason reason, String detail) implements Result {
        }
    }

    /** Computes and stores the NDVI of {@code fields} in {@code scene} for a tenant. */
    public Result ingest(String tenant, Sentinel2Scene scene, List<FieldBoundary> fields) {
        SceneNdvi ndvi;
        try {
            ndvi = zonal.compute(scene, fields);
        } catch (SceneReadException e) {
            rejected.incrementAndGet();
            return new Result.Rejected(e.reason(), e.getMessage());
        }
        List<NdviPoint> points = new ArrayList<>(ndvi.fields().size());
        int observed = 0;
        for (FieldNdvi f : ndvi.fields()) {
            points.add(new NdviPoint(tenant, f.fieldId(), scene.acquired(), scene.sceneId(), f));
            if (f instanceof FieldNdvi.Observed) observed++;
        }
        store.appendAll(points);
        return new Result.Stored(ndvi, observed, points.size() - observed);
    }

    /** Scenes rejected since start. */
    public long rejectedScenes() {
        return rejected.get();
    }
}
