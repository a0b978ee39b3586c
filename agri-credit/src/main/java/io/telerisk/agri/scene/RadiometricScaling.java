package io.telerisk.agri.scene;

/**
 * How Sentinel-2 L2A digital numbers become surface reflectance: {@code rho = (DN + boaAddOffset) / quantification}.
 * Since processing baseline 04.00 (January 2022) ESA adds 1000 to every DN so that negative reflectance survives,
 * published as {@code BOA_ADD_OFFSET = -1000}; earlier baselines have no offset. DN 0 is no-data in every baseline.
 *
 * @param quantification BOA_QUANTIFICATION_VALUE, 10000 for all L2A products
 * @param boaAddOffset   BOA_ADD_OFFSET, -1000 from baseline 04.00, otherwise 0
 */
public record RadiometricScaling(int quantification, int boaAddOffset) {
    public RadiometricScaling {
        if (quantification <= 0) throw new IllegalArgumentException("quantification must be positive");
    }

    /** Baseline 04.00 and later: quantification 10000, offset -1000. */
    public static final RadiometricScaling BASELINE_04 = new RadiometricScaling(10000, -1000);
    /** Before baseline 04.00: quantification 10000, no offset. */
    public static final RadiometricScaling BEFORE_BASELINE_04 = new RadiometricScaling(10000, 0);

    /**
     * Scaling for a processing baseline string such as {@code "04.00"} or {@code "N0509"}.
     *
     * @throws IllegalArgumentException when the baseline cannot be parsed
     */
    public static RadiometricScaling forProcessingBaseline(String baseline) {
        String s = baseline == null ? "" : baseline.trim();
        if (s.startsWith("N")) s = s.substring(1, Math.min(3, s.length())) + "." + (s.length() > 3 ? s.substring(3) : "00");
        try {
            double v = Double.parseDouble(s);
            return v >= 4.0 ? BASELINE_04 : BEFORE_BASELINE_04;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unparseable processing baseline '" + baseline + "' (expected e.g. 04.00 or N0400)");
        }
    }

    /** Surface reflectance of a DN (meaningless for DN 0, which is no-data). */
    public double reflectance(int dn) {
        return (double) (dn + boaAddOffset) / quantification;
    }
}
