package io.telerisk.pricing.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rating variables a jurisdiction forbids, configured per country ("FR"), per state ("US-CA") or for the "EU"
 * group. A plan for a state is checked against the state's, its country's and (for EU members) the EU's lists.
 * The defaults are examples for tests and demos, not legal advice: the insurer's compliance team owns the list.
 */
public final class ProhibitedVariables {
    private static final Set<String> EU = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private final Map<String, Set<String>> byJurisdiction;

    /** @param byJurisdiction "EU", a country code or "CC-ST" → variable ids that must not be used */
    public ProhibitedVariables(Map<String, Set<String>> byJurisdiction) {
        Map<String, Set<String>> copy = new HashMap<>();
        byJurisdiction.forEach((k, v) -> copy.put(k.toUpperCase(java.util.Locale.ROOT), Set.copyOf(v)));
        this.byJurisdiction = Map.copyOf(copy);
    }

    /**
     * Defaults: gender in the EU (CJEU Test-Achats, C-236/09, unisex premiums since 21 Dec 2012); gender and credit
     * score for private-passenger auto in California (10 CCR §2632.5 lists the permitted factors).
     */
    public static ProhibitedVariables defaults() {
        return new ProhibitedVariables(Map.of("EU", Set.of("gender"), "US-CA", Set.of("gender", "creditScore")));
    }

    /** No prohibitions at all. */
    public static ProhibitedVariables none() { return new ProhibitedVariables(Map.of()); }

    /** All variables prohibited where the plan applies. */
    public Set<String> prohibitedIn(Jurisdiction j) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        out.addAll(byJurisdiction.getOrDefault(j.toString(), Set.of()));
        out.addAll(byJurisdiction.getOrDefault(j.country(), Set.of()));
        if (EU.contains(j.country())) out.addAll(byJurisdiction.getOrDefault("EU", Set.of()));
        return out;
    }
}
