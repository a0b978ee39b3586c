package io.telerisk.agri.loan;

/**
 * One line of a decision's explanation.
 *
 * @param name   what was looked at, e.g. {@code ndvi_anomaly_z}
 * @param value  its value, as shown to a credit officer
 * @param points risk points it added (0 for informational lines)
 * @param note   what it means
 */
public record Factor(String name, String value, int points, String note) {
}
