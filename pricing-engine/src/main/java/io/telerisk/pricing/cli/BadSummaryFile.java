package io.telerisk.pricing.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * A daily-summary file (driving usage or wearable days) that cannot be used, with every reason: one per bad row, or
 * one for the whole file. A file with any bad row is refused as a whole, so no day is silently lost.
 */
public final class BadSummaryFile extends RuntimeException {
    private static final int MAX_REPORTED = 20;
    private final transient List<String> errors;

    private BadSummaryFile(String message, List<String> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    /** The file as a whole is unusable (unreadable, wrong columns, wrong kind). */
    static BadSummaryFile of(Path file, String problem) {
        return new BadSummaryFile(file + ": " + problem, List.of(problem));
    }

    /** Some rows are bad: each entry names its row and the reason. */
    static BadSummaryFile rows(Path file, List<String> errors) {
        StringBuilder m = new StringBuilder().append(file).append(": ").append(errors.size()).append(" bad row(s)");
        errors.stream().limit(MAX_REPORTED).forEach(e -> m.append("\n  ").append(e));
        if (errors.size() > MAX_REPORTED) m.append("\n  ... and ").append(errors.size() - MAX_REPORTED).append(" more");
        return new BadSummaryFile(m.toString(), errors);
    }

    /** One entry per bad row, or a single entry about the whole file. */
    public List<String> errors() { return errors; }
}
