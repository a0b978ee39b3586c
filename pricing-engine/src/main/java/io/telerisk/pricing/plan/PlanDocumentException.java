package io.telerisk.pricing.plan;

import java.util.List;
import java.util.stream.Collectors;

/** A plan document that cannot be read or does not validate; carries every problem found, not just the first. */
public final class PlanDocumentException extends RuntimeException {
    private final transient List<PlanProblem> problems;

    public PlanDocumentException(String what, List<PlanProblem> problems) {
        super(what + ": " + problems.size() + " problem(s)\n  " + problems.stream().map(PlanProblem::toString)
                .collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<PlanProblem> problems() { return problems; }
}
