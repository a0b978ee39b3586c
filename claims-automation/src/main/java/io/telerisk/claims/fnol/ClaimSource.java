package io.telerisk.claims.fnol;

/** How a claim came in. */
public enum ClaimSource {
    /** A crash candidate from a device, confirmed at the hub. */
    DEVICE_CRASH,
    /** Reported by a person (policyholder, third party, broker), cross-checked against telemetry. */
    REPORTED,
    /** A parametric trigger on farm telemetry and NDVI. */
    PARAMETRIC
}
