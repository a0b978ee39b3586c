package io.telerisk.hub.pricing;

/** The pricing tables could not be read or written (the API answers 503 with the reason). */
public final class PricingStoreException extends IllegalStateException {
    public PricingStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
