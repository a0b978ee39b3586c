package io.telerisk.hub.auth;

import java.util.Locale;

/** What an API user may do. The wire name (lower case) appears in tokens and requests. */
public enum Role {
    /** Reads devices, summaries and location-free telemetry of its tenant. */
    INSURER,
    /** Reads its tenant's devices and farm data; location-free telemetry. */
    FARMER,
    /** Like insurer, plus raw positions of a device within a claim's access window. */
    ADJUSTER,
    /** Tenant operator: provisions users, devices and credentials and reads everything of its own tenant, never another's. */
    OPERATOR,
    /** Credit officer: decides referred crop loans, disburses, records repayments, watches the loan book of its tenant. */
    LENDER,
    /**
     * Platform operator: everything a tenant operator may do, for any tenant it names with {@code ?tenant=}, plus the
     * platform-wide views (tenants, hub-wide ingest figures, dead letters of every tenant). Only a platform operator
     * grants this role. Its reads of positions are logged like every other.
     */
    PLATFORM_OPERATOR;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The wire names of every role, comma-separated, for messages. */
    public static String wireNames() {
        return java.util.Arrays.stream(values()).map(Role::wireName).collect(java.util.stream.Collectors.joining(", "));
    }

    /** @throws IllegalArgumentException naming the value and the accepted ones */
    public static Role fromWire(String s) {
        if (s != null) {
            for (Role r : values()) {
                if (r.wireName().equals(s.trim().toLowerCase(Locale.ROOT))) return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + s + "' (expected " + wireNames() + ")");
    }
}
