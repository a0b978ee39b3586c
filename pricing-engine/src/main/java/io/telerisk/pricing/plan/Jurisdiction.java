package io.telerisk.pricing.plan;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A country (ISO 3166-1 alpha-2), optionally narrowed to a state or province: "GB", "US-CA".
 * A state-level plan deviates from its country-level base plan.
 */
public record Jurisdiction(String country, String state) {
    public Jurisdiction {
        Objects.requireNonNull(country, "country");
        if (!country.matches("[A-Z]{2}")) throw new IllegalArgumentException("country must be ISO 3166 alpha-2 upper case: '" + country + "'");
        if (state != null && !state.matches("[A-Z0-9]{1,3}")) throw new IllegalArgumentException("bad state code: '" + state + "'");
    }

    /** Parses "GB" or "US-CA" (case-insensitive). */
    public static Jurisdiction parse(String text) {
        Objects.requireNonNull(text, "jurisdiction");
        String t = text.trim().toUpperCase(Locale.ROOT);
        int dash = t.indexOf('-');
        return dash < 0 ? new Jurisdiction(t, null) : new Jurisdiction(t.substring(0, dash), t.substring(dash + 1));
    }

    /** The country-level jurisdiction of a state, empty for a country. */
    public Optional<Jurisdiction> parent() {
        return state == null ? Optional.empty() : Optional.of(new Jurisdiction(country, null));
    }

    @Override
    public String toString() { return state == null ? country : country + "-" + state; }
}
