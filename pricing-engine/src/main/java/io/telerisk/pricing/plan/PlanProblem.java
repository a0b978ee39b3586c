package io.telerisk.pricing.plan;

/** One thing wrong with a plan document, located by a JSON-path-like path ("factors[2].bands[1].upTo"). */
public record PlanProblem(String path, String message) {
    @Override
    public String toString() { return path + ": " + message; }
}
