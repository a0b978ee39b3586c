package io.telerisk.claims.review;

import java.math.BigDecimal;
import java.util.Objects;

/** An adjuster's decision on a claim, always with a reason code. */
public sealed interface Decision permits Decision.Approve, Decision.AdjustAmount, Decision.Reject, Decision.RequestInformation {
    ReasonCode reason();

    /** Approve the proposed amount. */
    record Approve(ReasonCode reason) implements Decision {
        public Approve {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Approve a different loss amount (scale 2); the payout is that loss under the cover's limit and deductible. */
    record AdjustAmount(BigDecimal amount, ReasonCode reason) implements Decision {
        public AdjustAmount {
            Objects.requireNonNull(reason, "reason");
            if (amount == null || amount.signum() < 0) throw new IllegalArgumentException("amount must be a non-negative amount");
        }
    }

    record Reject(ReasonCode reason) implements Decision {
        public Reject {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Ask the claimant for more; the claim waits in {@code INFORMATION_REQUESTED}. {@code what} says what is asked for
     * (a request nobody can answer because it names nothing is refused).
     */
    record RequestInformation(ReasonCode reason, String what) implements Decision {
        public RequestInformation {
            Objects.requireNonNull(reason, "reason");
            if (what == null || what.isBlank()) throw new IllegalArgumentException("a request for information must say what is requested");
            what = what.strip();
        }
    }
}
