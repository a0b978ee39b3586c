package io.telerisk.hub.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The system-of-record database (H2 file or PostgreSQL): a small HikariCP pool, migrated by Flyway from
 * {@code classpath:db/migration} on open, so every table of the hub (telemetry V1..V19, API V20+, domains V40+)
 * exists before anyone uses it. One instance per database per process; close it on shutdown.
 *
 * <pre>{@code
 * try (SystemOfRecord sor = SystemOfRecord.open(url, user, password)) {
 *     DataSource ds = sor.dataSource();
 * }
 * }</pre>
 */
public final class SystemOfRecord implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final SqlDialect dialect;
    private final String url;

    private SystemOfRecord(HikariDataSource dataSource, SqlDialect dialect, String url) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.url = url;
    }

    /** Opens a pool of at most 8 connections and migrates the schema. */
    public static SystemOfRecord open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, 8);
    }

    /**
     * Opens a pool and migrates the schema.
     *
     * @throws IllegalStateException when the database cannot be reached or a migration fails, naming the URL
     */
    public static SystemOfRecord open(String jdbcUrl, String user, String password, int maxConnections) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        SqlDialect dialect = SqlDialect.of(jdbcUrl);
        createH2Directory(jdbcUrl);
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername(user);
        cfg.setPassword(password);
        // Flyway holds one connection for its lock and uses another to migrate
        cfg.setMaximumPoolSize(Math.max(2, maxConnections));
        cfg.setMinimumIdle(1);
        cfg.setPoolName("sor");
        // fail fast when the database is down: callers spool or answer 503 rather than hang
        cfg.setConnectionTimeout(5_000);
        cfg.setInitializationFailTimeout(-1);
        HikariDataSource ds = new HikariDataSource(cfg);
        try {
            migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw new IllegalStateException("cannot migrate system of record at " + redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return new SystemOfRecord(ds, dialect, jdbcUrl);
    }

    /** Runs the Flyway migrations on a data source (what {@link #open} does). */
    public static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    private static void createH2Directory(String url) {
        String prefix = "jdbc:h2:file:";
        if (!url.startsWith(prefix)) return;
        String path = url.substring(prefix.length()).split(";", 2)[0];
        Path parent = Path.of(path).toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create database directory " + parent + ": " + e.getMessage(), e);
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^;&]*", "password=***");
    }

    /** The pooled data source. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** H2 or PostgreSQL. */
    public SqlDialect dialect() {
        return dialect;
    }

    /** The JDBC URL (may contain no secret: credentials are passed separately). */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
