package io.telerisk.hub.ingest;

import io.telerisk.model.codec.RejectReason;

import java.time.Instant;

/**
 * Which dead letters an operator asks for: every filter is optional (null), the page is {@code offset}/{@code limit},
 * newest first.
 *
 * @param tenant   the tenant segment of the topic, or null for all tenants
 * @param reason   the reject reason
 * @param deviceId the device segment of the topic
 * @param from     received at or after
 * @param to       received before
 */
public record DeadLetterQuery(String tenant, RejectReason reason, String deviceId, Instant from, Instant to, int offset, int limit) {
    public DeadLetterQuery {
        if (offset < 0) throw new IllegalArgumentException("offset must not be negative: " + offset);
        if (limit < 1) throw new IllegalArgumentException("limit must be positive: " + limit);
    }

    /** Whether a dead letter passes the filters (paging aside). */
    public boolean matches(DeadLetter d) {
        return (tenant == null || tenant.equals(d.topicTenant()))
                && (reason == null || d.reason() == reason)
                && (deviceId == null || deviceId.equals(d.topicDevice()))
                && (from == null || !d.receivedAt().isBefore(from))
                && (to == null || d.receivedAt().isBefore(to));
    }

    /**
     * One page of matches.
     *
     * @param total   matches among the {@code scanned} dead letters
     * @param scanned how many dead letters the filters looked through (all of them for a store that filters in SQL)
     */
    public record Page(java.util.List<DeadLetter> items, long total, long scanned) {
        public Page {
            items = java.util.List.copyOf(items);
        }
    }
}
