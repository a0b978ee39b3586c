package io.telerisk.hub.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A user of the REST API (never a device).
 *
 * @param disabled     a disabled user cannot log in and its tokens are refused
 * @param tokenVersion raised whenever password, roles or the disabled flag change; tokens carry the version they
 *                     were issued at and older ones are refused
 */
public record ApiUser(String username, String tenant, Set<Role> roles, Instant createdAt, boolean disabled, long tokenVersion) {
    public ApiUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenant, "tenant");
        roles = Set.copyOf(roles);
    }

    /** An enabled user whose credentials never changed. */
    public ApiUser(String username, String tenant, Set<Role> roles, Instant createdAt) {
        this(username, tenant, roles, createdAt, false, 0);
    }

    public Principal principal() {
        return new Principal(username, tenant, roles);
    }
}
