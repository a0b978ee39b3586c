package io.telerisk.pricing.catalog;

import java.math.BigDecimal;

/** Outcome of one of a plan's own test cases. {@code actual} is null when rating failed (see message). */
public record PlanTestResult(String name, BigDecimal expected, BigDecimal actual, boolean passed, String message) {
    @Override
    public String toString() {
        return (passed ? "PASS " : "FAIL ") + name + ": expected " + expected + ", got " + (actual == null ? "error" : actual)
                + (message == null ? "" : " (" + message + ")");
    }
}
