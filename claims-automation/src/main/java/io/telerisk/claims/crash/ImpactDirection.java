package io.telerisk.claims.crash;

/**
 * Where the vehicle was struck, from the principal direction of the crash force in the vehicle frame
 * (x forward, y left). The impact angle is that of −∫a: 0° is a frontal impact, +90° the left side, ±180° the rear,
 * −90° the right side; each sector spans 90°.
 */
public enum ImpactDirection {
    FRONT, LEFT, REAR, RIGHT;

    /** Sector of an impact angle in degrees (any value; normalised to (−180, 180]). */
    public static ImpactDirection ofAngleDeg(double angleDeg) {
        double a = normalise(angleDeg);
        if (a >= -45 && a <= 45) return FRONT;
        if (a > 45 && a < 135) return LEFT;
        if (a < -45 && a > -135) return RIGHT;
        return REAR;
    }

    /** Angle normalised to (−180, 180]. */
    public static double normalise(double angleDeg) {
        double a = angleDeg % 360;
        if (a > 180) a -= 360;
        if (a <= -180) a += 360;
        return a;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
