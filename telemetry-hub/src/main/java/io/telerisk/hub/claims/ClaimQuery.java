package io.telerisk.hub.claims;

import io.telerisk.claims.assessment.Priority;
import io.telerisk.claims.fnol.ClaimSource;
import io.telerisk.claims.fnol.ClaimStatus;
import io.telerisk.hub.api.ListPage;
import io.telerisk.model.DeviceType;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the adjusters' claim search; {@code null} (or an empty set) means "any".
 *
 * @param statuses   any of these states (closed ones included when asked for)
 * @param priority   adjuster priority
 * @param source     how claims came in
 * @param deviceType device type of the insured object
 * @param deviceId   device id
 * @param policyId   policy
 * @param from       loss time at or after
 * @param to         loss time before
 * @param text       text the claim id, policy id or device id contains (any case)
 * @param page       the page asked for
 */
record ClaimQuery(Set<ClaimStatus> statuses, Priority priority, ClaimSource source, DeviceType deviceType, String deviceId,
                  String policyId, Instant from, Instant to, String text, ListPage.Request page) {
    ClaimQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        java.util.Objects.requireNonNull(page, "page");
    }
}
