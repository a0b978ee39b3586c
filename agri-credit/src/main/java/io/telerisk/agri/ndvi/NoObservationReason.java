package io.telerisk.agri.ndvi;

/** Why a scene gave no NDVI for a field. */
public enum NoObservationReason {
    /** The field lies wholly or partly outside the scene's raster. */
    NOT_COVERED,
    /** Every pixel of the field is no-data (DN 0 or SCL 0). */
    NO_DATA,
    /** Too many pixels hidden by cloud, cloud shadow, cirrus, snow or defects. */
    TOO_CLOUDY,
    /** Too few pixels left to be representative (small field or nearly all masked). */
    TOO_FEW_PIXELS,
    /** The field's boundary cannot be projected into the scene's CRS. */
    CANNOT_PROJECT
}
