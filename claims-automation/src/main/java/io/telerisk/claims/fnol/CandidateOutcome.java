package io.telerisk.claims.fnol;

import io.telerisk.claims.crash.CrashVerdict;

/** What became of one crash candidate event. */
public sealed interface CandidateOutcome {
    /** A new claim was opened (and assessed and routed). */
    record Opened(Claim claim) implements CandidateOutcome {
    }

    /** The candidate was seen before (redelivery): the existing claim. */
    record Duplicate(Claim claim) implements CandidateOutcome {
    }

    /** Physics and classifier did not confirm a crash. */
    record NotConfirmed(CrashVerdict verdict) implements CandidateOutcome {
    }

    /** The event cannot be judged: wrong type, empty or unmeasurable window. */
    record Rejected(Reason reason, String detail) implements CandidateOutcome {
    }

    /** A crash was confirmed but no policy covers the device at that time: kept for follow-up, no claim. */
    record NoPolicy(CrashVerdict verdict, String detail) implements CandidateOutcome {
    }

    enum Reason { NOT_A_CRASH_CANDIDATE, UNUSABLE_WINDOW }
}
