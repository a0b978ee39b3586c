package io.telerisk.claims.review;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.fnol.Claim;

import java.time.Duration;
import java.time.Instant;

/**
 * One claim in the adjusters' queue.
 *
 * @param claim    the claim with its assessment and evidence
 * @param priority its priority (P3 when none was set)
 * @param age      time since FNOL
 * @param due      FNOL + the priority's SLA
 * @param overdue  whether {@code due} has passed
 */
public record QueueItem(Claim claim, Priority priority, Duration age, Instant due, boolean overdue) {
}
