package io.telerisk.hub.pricing;

/**
 * The telematics score model could not be loaded (missing or corrupt directory, TensorFlow unavailable). A server-side
 * fault, not the caller's: the API answers 503 without the detail, which names server paths and is in the hub log.
 */
public final class ScoreModelUnavailableException extends RuntimeException {
    public ScoreModelUnavailableException(String reason) {
        super(reason);
    }
}
