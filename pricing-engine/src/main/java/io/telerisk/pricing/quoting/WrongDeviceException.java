package io.telerisk.pricing.quoting;

/**
 * The plan in force cannot price the device quoted: a wellness plan prices wearables from their days, any other
 * plan prices vehicles from their driving. Quoting the wrong kind would price an empty period, not refuse it.
 */
public final class WrongDeviceException extends RuntimeException {
    public WrongDeviceException(String message) { super(message); }
}
