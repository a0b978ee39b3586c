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
 * API users in the system of record (table {@code api_user}, migration V21). Usernames are global (one user
 * belongs to one tenant) and follow the topic-segment alphabet, so they are safe in logs and URLs.
 * Blocking (JDBC): call from a worker.
 */
public final class UserStore {
    /** Shortest acceptable password. */
    public static final int MIN_PASSWORD_LENGTH = 10;
    private static final int MAX_PASSWORD_LENGTH = 256;

    private final DataSource dataSource;
    private final PasswordHasher hasher;
    private final Clock clock;
    /** Checked against when the user does not exist, so that case costs as much as a wrong password. */
    private final String dummyHash;

    public UserStore(DataSource dataSource, PasswordHasher hasher, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.dummyHash = hasher.hash("dummy-password-for-timing");
    }

    /** Thrown when the username is taken. */
    public static final class UserExistsException extends RuntimeException {
        public UserExistsException(String username) {
            super("user '" + username + "' already exists");
        }
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
        if (password == null || password.length() < MIN_PASSWORD_LENGTH || password.length() > MAX_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("password must be " + MIN_PASSWORD_LENGTH + ".." + MAX_PASSWORD_LENGTH + " characters");
        }
        if (roles == null || roles.isEmpty()) throw new IllegalArgumentException("at least one role is required");
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_user (username, tenant, password_hash, roles, created_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, username);
            ps.setString(2, tenant);
            ps.setString(3, hasher.hash(password));
            ps.setString(4, encodeRoles(roles));
            ps.setObject(5, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) throw new UserExistsException(username);
            throw new IllegalStateException("user store unavailable: " + e.getMessage(), e);
        }
        return new ApiUser(username, tenant, roles, now);
    }

    /** Whether a user exists. */
    public Optional<ApiUser> find(String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, tenant, roles, created_at, password_hash FROM api_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("user store unavailable: " + e.getMessage(), e);
        }
    }

    /** The user when the password is right; empty for a wrong password or an unknown user. */
    public Optional<ApiUser> authenticate(String username, String password) {
        if (username == null || password == null || password.length() > MAX_PASSWORD_LENGTH || !Topic.isValidSegment(username)) {
            return Optional.empty();
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, tenant, roles, created_at, password_hash FROM api_user WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    hasher.verify(password, dummyHash); // same cost as a real check: no user enumeration by timing
                    return Optional.empty();
                }
                return hasher.verify(password, rs.getString("password_hash")) ? Optional.of(user(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("user store unavailable: " + e.getMessage(), e);
        }
    }

    /** Users of one tenant, by name. */
    public List<ApiUser> list(String tenant) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT username, tenant, roles, created_at, password_hash FROM api_user WHERE tenant = ? ORDER BY username")) {
            ps.setString(1, tenant);
            List<ApiUser> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(user(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("user store unavailable: " + e.getMessage(), e);
        }
    }

    private static ApiUser user(ResultSet rs) throws SQLException {
        return new ApiUser(rs.getString("username"), rs.getString("tenant"), decodeRoles(rs.getString("roles")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
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
