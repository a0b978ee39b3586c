package io.telerisk.sim.vehicle;

/**
 * A constant acceleration for a while, e.g. the −1 g on z of a phone in free fall (its +1 g gravity reading vanishes).
 *
 * @param startEpochMs start, epoch ms
 * @param durationS    duration, s
 * @param magnitudeMps2 magnitude, m/s²
 * @param ux           unit direction (vehicle frame)
 * @param uy           unit direction
 * @param uz           unit direction
 */
public record BoxPulse(double startEpochMs, double durationS, double magnitudeMps2, double ux, double uy, double uz)
        implements Pulse {
    @Override
    public double endEpochMs() {
        return startEpochMs + durationS * 1000;
    }

    @Override
    public double meanOver(double fromMs, double toMs) {
        double a = Math.max(fromMs, startEpochMs);
        double b = Math.min(toMs, endEpochMs());
        return b <= a ? 0 : magnitudeMps2 * (b - a) / (toMs - fromMs);
    }
}
