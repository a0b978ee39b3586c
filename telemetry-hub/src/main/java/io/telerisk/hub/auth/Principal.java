package io.telerisk.hub.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling, as the verified bearer token says.
 *
 * @param username the user
 * @param tenant   the tenant every query of this caller is scoped to
 * @param roles    granted roles (at least one)
 */
public record Principal(String username, String tenant, Set<Role> roles) {
    public Principal {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(tenant, "tenant");
        roles = Set.copyOf(roles);
        if (roles.isEmpty()) throw new IllegalArgumentException("a principal needs at least one role");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** Whether the caller administers its tenant (or, as a platform operator, the tenant it names). */
    public boolean isOperator() {
        return hasAny(Role.OPERATOR, Role.PLATFORM_OPERATOR);
    }

    /** The operator role the caller acts in: the platform one when it has both, for the access log. */
    public Role operatorRole() {
        return has(Role.PLATFORM_OPERATOR) ? Role.PLATFORM_OPERATOR : Role.OPERATOR;
    }

    /** Whether the caller has any of these roles. */
    public boolean hasAny(Role... any) {
        for (Role r : any) if (roles.contains(r)) return true;
        return false;
    }
}
