package io.telerisk.claims.assessment;

import io.telerisk.claims.crash.ImpactDirection;

/**
 * A first hint at liability from where the vehicle was struck (a hint for the adjuster, never a decision): struck from
 * behind usually means the other driver is at fault, a frontal impact that the insured drove into something, a side
 * impact is open.
 */
public enum LiabilityHint {
    LIKELY_THIRD_PARTY_AT_FAULT, LIKELY_INSURED_AT_FAULT, UNDETERMINED;

    public static LiabilityHint of(ImpactDirection d) {
        return switch (d) {
            case REAR -> LIKELY_THIRD_PARTY_AT_FAULT;
            case FRONT -> LIKELY_INSURED_AT_FAULT;
            case LEFT, RIGHT -> UNDETERMINED;
        };
    }
}
