package io.telerisk.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh database on the machine's PostgreSQL for one test, dropped on close. The server is taken from
 * {@code TELERISK_TEST_PG_HOST}, {@code _PORT}, {@code _USER}, {@code _PASSWORD} (defaults 127.0.0.1, 5432,
 * postgres, empty), so tests never touch a user's own databases.
 */
public final class PostgresDatabase implements AutoCloseable {
    private final String host = env("TELERISK_TEST_PG_HOST", "127.0.0.1");
    private final String port = env("TELERISK_TEST_PG_PORT", "5432");
    private final String user = env("TELERISK_TEST_PG_USER", "postgres");
    private final String password = env("TELERISK_TEST_PG_PASSWORD", "");
    private final String name = "telerisk_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

    private PostgresDatabase() {
        admin("CREATE DATABASE " + name);
    }

    /** Creates a new empty database. */
    public static PostgresDatabase create() {
        return new PostgresDatabase();
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    /** A new connection to this database. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    private void admin(String sql) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + host + ":" + port + " (user " + user + ") is needed by this "
                    + "integration test and failed: " + e.getMessage() + ". Start it (Debian: pg_ctlcluster 15 main start) "
                    + "or run the test command (bin/platform test), which starts it.", e);
        }
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static String env(String key, String def) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? def : v;
    }
}
