package io.telerisk.agri.field;

/** A field boundary that cannot be registered, with the reason. */
public final class InvalidFieldException extends RuntimeException {
    /** Why a boundary was refused. */
    public enum Reason {
        MALFORMED_GEOJSON, OUT_OF_RANGE, TOO_FEW_POSITIONS, RING_NOT_CLOSED, SELF_INTERSECTION, INVALID_GEOMETRY,
        IMPLAUSIBLE_AREA, INVALID_SEASON, DUPLICATE_ID,
        /** More positions, rings, values or nesting than {@link GeoJson} accepts (a hostile or mistaken document). */
        TOO_COMPLEX
    }

    private final Reason reason;

    public InvalidFieldException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
