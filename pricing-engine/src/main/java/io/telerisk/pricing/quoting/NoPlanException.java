package io.telerisk.pricing.quoting;

/** No plan is in force for the quote's product line, jurisdiction, currency and date. */
public final class NoPlanException extends RuntimeException {
    public NoPlanException(String message) { super(message); }
}
