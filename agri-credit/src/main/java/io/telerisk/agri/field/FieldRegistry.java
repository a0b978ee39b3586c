package io.telerisk.agri.field;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Registers fields: parses and validates the boundary (Polygon with holes, or MultiPolygon), computes its area on
 * the ellipsoid ({@link FieldArea}: exact across UTM zones, the antimeridian and near the poles), notes its UTM zone
 * (that of its centre, {@link FieldGeometry#centre}), flags overlaps
 * with other farmers' fields, and saves it. Invalid input is a {@link Result.Rejected} with the reason, counted,
 * and nothing is saved.
 *
 * <p>Plausible area: {@value #MIN_AREA_HA} ha (a smallholder plot of 10 x 10 m would be below Sentinel-2's
 * resolution anyway) to {@value #MAX_AREA_HA} ha (larger "fields" are almost always digitising mistakes).
 * An overlap is flagged when it exceeds {@value #OVERLAP_TOLERANCE_HA} ha, so shared boundary lines and GPS jitter
 * do not raise flags.
 */
public final class FieldRegistry {
    public static final double MIN_AREA_HA = 0.05;
    public static final double MAX_AREA_HA = 5_000;
    public static final double OVERLAP_TOLERANCE_HA = 0.01;

    private final FieldRepository repository;
    private final AtomicLong rejected = new AtomicLong();

    public FieldRegistry(FieldRepository repository) {
        this.repository = Objects.requireNonNull(repository);
    }

    /** An overlap with another farmer's field. */
    public record Overlap(String fieldId, String farmerId, double overlapHa) {
    }

    /** Outcome of a registration. */
    public sealed interface Result permits Result.Registered, Result.Rejected {
        /** Saved; {@code overlaps} lists other farmers' fields it overlaps (flagged for review, not refused). */
        record Registered(Field field, List<Overlap> overlaps) implements Result {
            public boolean flagged() {
                return !overlaps.isEmpty();
            }
        }

        /** Not saved. */
        record Rejected(InvalidFieldException.Reason reason, String detail) implements Result {
        }
    }

    /** Validates and saves a field. */
    public Result register(FieldRegistration r) {
        try {
            if (!r.harvestDate().isAfter(r.sowingDate())) {
                throw new InvalidFieldException(InvalidFieldException.Reason.INVALID_SEASON,
                        "harvest " + r.harvestDate() + " is not after sowing " + r.sowingDate());
            }
            if (r.harvestDate().isAfter(r.sowingDate().plusDays(400))) {
                throw new InvalidFieldException(InvalidFieldException.Reason.INVALID_SEASON, "season longer than 400 days");
            }
            Geometry wgs84 = GeoJson.boundary(r.boundaryGeoJson());
            validateTopology(wgs84);
            var c = FieldGeometry.centre(wgs84);
            int epsg = UtmProjection.zoneEpsg(c.x, c.y);
            FieldArea.Projection equalArea = FieldArea.centredOn(wgs84);
            Geometry projected = equalArea.project(wgs84);
            double areaHa = projected.getArea() / 10_000;
            if (areaHa < MIN_AREA_HA || areaHa > MAX_AREA_HA) {
                throw new InvalidFieldException(InvalidFieldException.Reason.IMPLAUSIBLE_AREA, String.format(Locale.ROOT,
                        "area %.4f ha outside the plausible %.2f..%.0f ha", areaHa, MIN_AREA_HA, MAX_AREA_HA));
            }
            if (r.deviceId() != null) {
                var other = repository.findByDevice(r.tenant(), r.deviceId());
                if (other.isPresent() && !other.get().fieldId().equals(r.fieldId())) {
                    throw new InvalidFieldException(InvalidFieldException.Reason.DUPLICATE_ID,
                            "device " + r.deviceId() + " is already installed in field " + other.get().fieldId());
                }
            }
            List<Overlap> overlaps = new ArrayList<>();
            for (Field f : repository.intersecting(r.tenant(), wgs84.getEnvelopeInternal())) {
                if (f.farmerId().equals(r.farmerId()) || f.fieldId().equals(r.fieldId())) continue;
                Geometry inter = projected.intersection(equalArea.project(f.boundary()));
                double ha = inter.getArea() / 10_000;
                if (ha > OVERLAP_TOLERANCE_HA) overlaps.add(new Overlap(f.fieldId(), f.farmerId(), ha));
            }
            Field field = new Field(r.tenant(), r.fieldId(), r.farmerId(), r.deviceId(), r.crop(), r.sowingDate(), r.harvestDate(),
                    r.region(), r.soil(), wgs84, epsg, areaHa);
            repository.save(field);
            return new Result.Registered(field, List.copyOf(overlaps));
        } catch (InvalidFieldException e) {
            rejected.incrementAndGet();
            return new Result.Rejected(e.reason(), e.getMessage());
        } catch (IllegalArgumentException e) {
            rejected.incrementAndGet();
            return new Result.Rejected(InvalidFieldException.Reason.OUT_OF_RANGE, e.getMessage());
        }
    }

    private static void validateTopology(Geometry p) {
        TopologyValidationError err = new IsValidOp(p).getValidationError();
        if (err == null) return;
        InvalidFieldException.Reason reason = switch (err.getErrorType()) {
            case TopologyValidationError.SELF_INTERSECTION, TopologyValidationError.RING_SELF_INTERSECTION ->
                    InvalidFieldException.Reason.SELF_INTERSECTION;
            case TopologyValidationError.TOO_FEW_POINTS -> InvalidFieldException.Reason.TOO_FEW_POSITIONS;
            case TopologyValidationError.RING_NOT_CLOSED -> InvalidFieldException.Reason.RING_NOT_CLOSED;
            default -> InvalidFieldException.Reason.INVALID_GEOMETRY;
        };
        throw new InvalidFieldException(reason, err.getMessage() + " at " + err.getCoordinate());
    }

    /** Registrations rejected since start. */
    public long rejectedCount() {
        return rejected.get();
    }
}
