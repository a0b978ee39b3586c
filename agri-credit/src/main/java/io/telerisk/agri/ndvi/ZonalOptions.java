package io.telerisk.agri.ndvi;

/**
 * When a field counts as observed, and how much parallelism to use.
 *
 * @param minValidPixels       fewer valid pixels than this is no observation (10 pixels = 0.1 ha at 10 m)
 * @param minCloudFreeFraction a smaller clear share of the field is no observation: a half-clouded field's mean is
 *                             biased toward whichever part is clear
 * @param threads              worker threads decoding tiles
 */
public record ZonalOptions(int minValidPixels, double minCloudFreeFraction, int threads) {
    public ZonalOptions {
        if (minValidPixels < 1) throw new IllegalArgumentException("minValidPixels >= 1");
        if (minCloudFreeFraction < 0 || minCloudFreeFraction > 1) throw new IllegalArgumentException("minCloudFreeFraction in [0,1]");
        if (threads < 1) throw new IllegalArgumentException("threads >= 1");
    }

    /** 10 valid pixels, half the field clear, 2 threads. */
    public static ZonalOptions defaults() {
        return new ZonalOptions(10, 0.5, 2);
    }
}
