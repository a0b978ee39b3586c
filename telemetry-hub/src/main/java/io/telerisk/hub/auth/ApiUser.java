package io.telerisk.hub.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/** A user of the REST API (never a device). */
public record ApiUser(String username, String tenant, Set<Role> roles, Instant createdAt) {
    public ApiUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenant, "tenant");
        roles = Set.copyOf(roles);
    }

    public Principal principal() {
        return new Principal(username, tenant, roles);
    }
}
