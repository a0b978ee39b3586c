package io.telerisk.agri.scene.synthetic;

/**
 * A round cloud in scene coordinates (metres, scene CRS): core SCL 9 inside 0.7 r, SCL 8 out to r, thin cirrus
 * (SCL 10) out to 1.2 r, and a shadow (SCL 3) of radius r displaced by ({@code shadowDxM}, {@code shadowDyM}).
 */
public record Cloud(double centreX, double centreY, double radiusM, double shadowDxM, double shadowDyM) {
    public Cloud {
        if (!(radiusM > 0)) throw new IllegalArgumentException("cloud radius must be positive");
    }

    /** A cloud with its shadow one radius to the south-east, as with a morning sun in the northern hemisphere. */
    public static Cloud at(double centreX, double centreY, double radiusM) {
        return new Cloud(centreX, centreY, radiusM, radiusM, -radiusM);
    }
}
