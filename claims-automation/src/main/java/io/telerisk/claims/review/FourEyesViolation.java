package io.telerisk.claims.review;

/** A decision that breaks a review rule (same adjuster approving twice, deciding a closed claim, …). */
public final class FourEyesViolation extends RuntimeException {
    public FourEyesViolation(String message) {
        super(message);
    }
}
