package io.telerisk.hub.auth;

import io.telerisk.model.topic.Topic;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * API users in the system of record (table {@code api_user}, migrations V21 and V23). Usernames are global (one user
 * belongs to one tenant) and follow the topic-segment alphabet, so they are safe in logs and URLs. Users are never
 * deleted, only disabled, so a name is never reused by someone else. Every change of password, roles or the disabled
 * flag raises the user's token version, which ends every token issued before (on every hub, at once: tokens are
 * checked against this table, see {@link #tokenStillValid}). Blocking (JDBC): call from a worker.
 */
public final class UserStore {
    /** Shortest acceptable password. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    /** Longest acceptable password: longer input is refused before hashing (PBKDF2 hashes the whole string). */
    public static final int MAX_PASSWORD_LENGTH = 256;
    private static final String COLUMNS = "username, tenant, roles, created_at, password_hash, disabled, token_version";

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Checked against when the user does not exist, so that case costs as much as a wrong password. */
    private final String dummyHash;
    private final LoginThrottle throttle;

    /** With the login throttle's default thresholds ({@link LoginThrottle#defaults}). */
    public UserStore(DataSource dataSource, PasswordHasher hasher, Clock clock) {
        this(dataSource, hasher, clock, LoginThrottle.defaults(dataSource, clock));
    }

    /** With a login throttle of configured thresholds (on the same database). */
    public UserStore(DataSource dataSource, PasswordHasher hasher, Clock clock, LoginThrottle throttle) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dummyHash = hasher.hash("dummy-password-for-timing");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** The failed-login throttle of these users, shared through the same database. */
    public LoginThrottle loginThrottle() {
        return throttle;
    }

    /** Thrown when the username is taken. */
    public static final class UserExistsException extends RuntimeException {
        public UserExistsException(String username) {
            super("user '" + username + "' already exists");
        }
    }

    /** Whether a password has an acceptable length; the message says what is wrong, or null when it is fine. */
    public static String passwordProblem(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            return "password must be " + MIN_PASSWORD_LENGTH + ".." + MAX_PASSWORD_LENGTH + " characters";
        }
        return null;
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException naming the bad field
     * @throws UserExistsException      when the username is taken
     */
    public ApiUser create(String tenant, String username, String password, Set<Role> roles) {
        if (!Topic.isValidSegment(tenant)) throw new IllegalArgumentException("invalid tenant '" + tenant + "': 1-64 of [A-Za-z0-9._-]");
        if (!Topic.isValidSegment(username)) throw new IllegalArgumentException("invalid username: 1-64 of [A-Za-z0-9._-]");
        String problem = passwordProblem(password);
        if (problem != null) throw new IllegalArgumentException(problem);
        if (roles == null || roles.isEmpty()) throw new IllegalArgumentException("at least one role is required");
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_user (username, tenant, password_hash, roles, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, tenant);
            ps.setString(3, hasher.hash(password));
            ps.setString(4, encodeRoles(roles));
            ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.setObject(6, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) throw new UserExistsException(username);
            throw unavailable(e);
        }
        return new ApiUser(username, tenant, roles, now);
    }

    /** The user with this name, enabled or not. */
    public Optional<ApiUser> find(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * The user when the password is right and the user is enabled; empty otherwise (wrong password, unknown or
     * disabled user: the caller cannot tell which). A hash below the current work factor is replaced by a new one.
     */
    public Optional<ApiUser> authenticate(String username, String password) {
        if (username == null || password == null || password.length() > MAX_PASSWORD_LENGTH || !Topic.isValidSegment(username)) {
            return Optional.empty();
        }
        ApiUser user;
        String stored;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM api_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    hasher.verify(password, dummyHash); // same cost as a real check: no user enumeration by timing
                    return Optional.empty();
                }
                user = user(rs);
                stored = rs.getString("password_hash");
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
        if (!hasher.verify(password, stored) || user.disabled()) return Optional.empty();
        if (hasher.needsRehash(stored)) rehash(username, stored, password);
        return Optional.of(user);
    }

    /** Replaces an old hash of the same password; the token version stays (the password did not change). */
    private void rehash(String username, String oldHash, String password) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE api_user SET password_hash = ? WHERE username = ? AND password_hash = ?")) {
            ps.setString(1, hasher.hash(password));
            ps.setString(2, username);
            ps.setString(3, oldHash); // a concurrent password change wins
            ps.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A page of one tenant's users by name, with the total. */
    public Page list(String tenant, int offset, int limit) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM api_user WHERE tenant = ?")) {
                ps.setString(1, tenant);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<ApiUser> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM api_user WHERE tenant = ? ORDER BY username LIMIT ? OFFSET ?")) {
                ps.setString(1, tenant);
                ps.setInt(2, limit);
                ps.setInt(3, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(user(rs));
                }
            }
            return new Page(out, total);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** One tenant as the user table knows it: a tenant exists from its first user (its first operator) on. */
    public record TenantUsers(String tenant, long users) {
    }

    /** A page of the tenants that have users, by name, with how many users each has; {@code total} counts tenants. */
    public TenantPage tenants(int offset, int limit) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(DISTINCT tenant) FROM api_user");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            List<TenantUsers> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tenant, COUNT(*) AS n FROM api_user GROUP BY tenant ORDER BY tenant LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(new TenantUsers(rs.getString("tenant"), rs.getLong("n")));
                }
            }
            return new TenantPage(List.copyOf(out), total);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** A page of tenants and how many there are in all. */
    public record TenantPage(List<TenantUsers> items, long total) {
    }

    /** Every user of one tenant, by name. */
    public List<ApiUser> list(String tenant) {
        return list(tenant, 0, Integer.MAX_VALUE).items();
    }

    /** A page of users and how many there are in all. */
    public record Page(List<ApiUser> items, long total) {
        public Page {
            items = List.copyOf(items);
        }
    }

    /** Disables or re-enables a user; disabling ends its tokens. Empty when there is no such user. */
    public Optional<ApiUser> setDisabled(String username, boolean disabled) {
        return update(username, "disabled = ?", ps -> ps.setBoolean(1, disabled));
    }

    /** Sets a new password (reset by an operator or changed by the user); ends the user's tokens. */
    public Optional<ApiUser> setPassword(String username, String password) {
        String problem = passwordProblem(password);
        if (problem != null) throw new IllegalArgumentException(problem);
        String hash = hasher.hash(password);
        return update(username, "password_hash = ?", ps -> ps.setString(1, hash));
    }

    /** Replaces a user's roles; ends its tokens (they carry the old roles). */
    public Optional<ApiUser> setRoles(String username, Set<Role> roles) {
        if (roles == null || roles.isEmpty()) throw new IllegalArgumentException("at least one role is required");
        String encoded = encodeRoles(roles);
        return update(username, "roles = ?", ps -> ps.setString(1, encoded));
    }

    /**
     * Whether a token issued to this user at this token version is still good: false when the user is disabled or
     * its version moved on. A user not in the table is accepted: users are never deleted, so a correctly signed
     * token for an unknown name can only have been minted by the hub itself (demo and test tokens).
     */
    public boolean tokenStillValid(String username, long version) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT disabled, token_version FROM api_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return true;
                return !rs.getBoolean("disabled") && rs.getLong("token_version") == version;
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** One column change (bound as parameter 1), the token version raised, the row read back. */
    private Optional<ApiUser> update(String username, String assignment, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE api_user SET " + assignment + ", token_version = token_version + 1, updated_at = ? WHERE username = ?")) {
            binder.bind(ps);
            ps.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            ps.setString(3, username);
            if (ps.executeUpdate() == 0) return Optional.empty();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        return find(username);
    }

    private static ApiUser user(ResultSet rs) throws SQLException {
        return new ApiUser(rs.getString("username"), rs.getString("tenant"), decodeRoles(rs.getString("roles")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getBoolean("disabled"),
                rs.getLong("token_version"));
    }

    private static IllegalStateException unavailable(SQLException e) {
        return new IllegalStateException("user store unavailable: " + e.getMessage(), e);
    }

    static String encodeRoles(Set<Role> roles) {
        return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(","));
    }

    static Set<Role> decodeRoles(String s) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        Arrays.stream(s.split(",")).filter(x -> !x.isBlank()).map(Role::fromWire).forEach(out::add);
        return out;
    }
}
