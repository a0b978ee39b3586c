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
    /** Provisions users, devices and credentials; reads everything of its tenant, may select another tenant. */
    OPERATOR,
    /** Credit officer: decides referred crop loans, disburses, records repayments, watches the loan book of its tenant. */
    LENDER;

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
