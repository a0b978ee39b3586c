package io.telerisk.claims.fnol;

/** No policy (or no such cover) is in force for the device at the loss time. */
public final class UnknownPolicyException extends RuntimeException {
    public UnknownPolicyException(String message) {
        super(message);
    }
}
