package io.telerisk.pricing.catalog;

/** A lifecycle rule refused the operation (immutable approved plan, self-approval, failing test cases...). */
public final class PlanLifecycleException extends RuntimeException {
    public PlanLifecycleException(String message) { super(message); }
}
