package io.telerisk.sim.vehicle;

/** A short acceleration transient along a fixed unit direction in the vehicle frame. */
public sealed interface Pulse permits HalfSinePulse, BoxPulse {
    double startEpochMs();

    double endEpochMs();

    /** Mean magnitude over [fromMs, toMs), m/s² (exact, so it can be summed into a velocity change). */
    double meanOver(double fromMs, double toMs);

    double ux();

    double uy();

    double uz();
}
