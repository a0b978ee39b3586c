package io.telerisk.pricing.rating;

/** An input that the plan cannot rate (missing variable, value outside every band, unknown level). */
public final class RatingException extends RuntimeException {
    /** Why rating failed, for counting in batch runs. */
    public enum Reason { MISSING_INPUT, OUT_OF_BANDS, UNKNOWN_LEVEL, BAD_INPUT }

    private final Reason reason;

    public RatingException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() { return reason; }
}
