package io.telerisk.hub.config;

import io.telerisk.model.topic.Topic;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The time zone of each tenant, which decides where a "day" starts for daily summaries and night driving.
 * Tenants not listed use the default zone.
 */
public record TenantZones(ZoneId defaultZone, Map<String, ZoneId> zones) {
    public TenantZones {
        Objects.requireNonNull(defaultZone, "defaultZone");
        zones = Map.copyOf(zones);
    }

    /** Every tenant in UTC. */
    public static TenantZones utc() {
        return new TenantZones(ZoneId.of("UTC"), Map.of());
    }

    public ZoneId zoneOf(String tenant) {
        return zones.getOrDefault(tenant, defaultZone);
    }

    /**
     * Parses {@code tenantA=Europe/Berlin,tenantB=Africa/Nairobi}.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static Map<String, ZoneId> parse(String spec) {
        Map<String, ZoneId> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return out;
        for (String entry : spec.split(",")) {
            String e = entry.trim();
            if (e.isEmpty()) continue;
            int eq = e.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("tenant zone entry '" + e + "' is not tenant=Zone/Id");
            String tenant = e.substring(0, eq).trim();
            if (!Topic.isValidSegment(tenant)) throw new IllegalArgumentException("invalid tenant '" + tenant + "' in tenant zones");
            try {
                out.put(tenant, ZoneId.of(e.substring(eq + 1).trim()));
            } catch (DateTimeException x) {
                throw new IllegalArgumentException("unknown time zone in '" + e + "': " + x.getMessage());
            }
        }
        return out;
    }
}
