package io.telerisk.hub.store.jdbc;

/**
 * The databases the JDBC adapters run on. The SQL they issue is common to both (H2 2.3 in PostgreSQL mode
 * accepts {@code INSERT .. ON CONFLICT DO NOTHING} and standard {@code MERGE}); the dialect is kept for names
 * and for the few places that could differ.
 */
public enum SqlDialect {
    H2("jdbc-h2"), POSTGRESQL("jdbc-postgresql");

    private final String label;

    SqlDialect(String label) {
        this.label = label;
    }

    /** Short name for {@code describe()}. */
    public String label() {
        return label;
    }

    /** The dialect of a JDBC URL. */
    public static SqlDialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) return H2;
        if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
        throw new IllegalArgumentException("unsupported JDBC URL '" + jdbcUrl + "' (jdbc:h2:... or jdbc:postgresql:...)");
    }
}
