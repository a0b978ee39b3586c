package io.telerisk.hub.registry;

import io.telerisk.model.DeviceType;
import io.telerisk.model.topic.Topic;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Refused device logins in the system of record (table {@code device_login_refusal}, V75), shared by every hub.
 *
 * <p>The connect path only adds to an in-memory tally per username ({@link #refused}); {@link #flush} (every second,
 * from the endpoint's timer, on a worker) tells each username apart and adds the tally to its row: a registered
 * device gets its own row (reason from its state: disabled, decommissioned, or a wrong token for an active one);
 * a username naming no registered device is folded into its tenant's row of unknown usernames, or into the one row
 * for usernames that name no tenant with devices. So the table never holds more than a row per device and per
 * tenant, plus one, and a flood of CONNECTs costs a few statements a second, not one per attempt. The tally itself
 * is bounded: beyond {@value #MAX_PENDING_USERNAMES} distinct usernames within one second, further new ones go to
 * the row for no tenant at once. What a hub tallied but had not flushed when it died (at most a second's worth)
 * is lost; a failed flush keeps its tally for the next one.
 */
public final class JdbcRefusedLogins implements RefusedLogins {
    private static final System.Logger LOG = System.getLogger(JdbcRefusedLogins.class.getName());
    /** Distinct usernames tallied between two flushes. */
    static final int MAX_PENDING_USERNAMES = 10_000;
    private static final int MAX_USERNAME = 130;
    private static final int MAX_REMOTE = 64;
    /** The tally key of CONNECTs without a username. */
    private static final String NO_USERNAME = "\u0000";
    /** The tally key of new usernames beyond the bound (counted as unknown, in the row for no tenant). */
    private static final String OVERFLOW = "\u0001";

    private final DataSource dataSource;
    private final Object lock = new Object();
    /** Guarded by {@link #lock}. */
    private Map<String, Tally> pending = new HashMap<>();
    private final Map<LoginRefusal.Reason, LongAdder> recorded = new EnumMap<>(LoginRefusal.Reason.class);

    public JdbcRefusedLogins(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        for (LoginRefusal.Reason r : LoginRefusal.Reason.values()) recorded.put(r, new LongAdder());
    }

    /** Refused CONNECTs of one username since the last flush. */
    private static final class Tally {
        long count;
        Instant first;
        Instant last;
        String remote;
        boolean passwordGiven;
        String username;

        void add(long n, Instant firstAt, Instant lastAt, String remoteAddress, boolean password, String user) {
            count += n;
            if (first == null || firstAt.isBefore(first)) first = firstAt;
            if (last == null || !lastAt.isBefore(last)) {
                last = lastAt;
                remote = remoteAddress;
                passwordGiven = password;
                username = user;
            }
        }
    }

    @Override
    public void refused(String username, boolean passwordGiven, String remoteAddress, Instant at) {
        Objects.requireNonNull(at, "at");
        String user = clip(username, MAX_USERNAME);
        String remote = clip(remoteAddress, MAX_REMOTE);
        synchronized (lock) {
            add(pending, user == null ? NO_USERNAME : user, 1, at, at, remote, passwordGiven, user);
        }
    }

    private static void add(Map<String, Tally> into, String key, long n, Instant first, Instant last, String remote, boolean password, String user) {
        Tally t = into.get(key);
        if (t == null && into.size() >= MAX_PENDING_USERNAMES) t = into.get(key = OVERFLOW);
        if (t == null) into.put(key, t = new Tally());
        t.add(n, first, last, remote, password, user);
    }

    /** Where a tally goes: one device's row or an aggregate's. */
    private record Row(String tenant, String deviceId, DeviceType type) {
    }

    @Override
    public void flush() {
        Map<String, Tally> batch;
        synchronized (lock) {
            if (pending.isEmpty()) return;
            batch = pending;
            pending = new HashMap<>();
        }
        try (Connection c = dataSource.getConnection()) {
            // one transaction: a failed flush writes nothing, so putting its tally back counts nothing twice
            c.setAutoCommit(false);
            Map<String, Boolean> tenants = new HashMap<>();
            Map<Row, Tally> rows = new HashMap<>();
            Map<Row, LoginRefusal.Reason> reasons = new HashMap<>();
            Map<LoginRefusal.Reason, Long> counted = new EnumMap<>(LoginRefusal.Reason.class);
            for (Map.Entry<String, Tally> e : batch.entrySet()) {
                Tally t = e.getValue();
                Row row = new Row("", "", null);
                LoginRefusal.Reason reason = LoginRefusal.Reason.NO_CREDENTIALS;
                String user = NO_USERNAME.equals(e.getKey()) || OVERFLOW.equals(e.getKey()) ? null : e.getKey();
                int slash = user == null ? -1 : user.indexOf('/');
                if (OVERFLOW.equals(e.getKey())) {
                    reason = LoginRefusal.Reason.UNKNOWN_DEVICE;
                } else if (user != null && (slash < 0 || !Topic.isValidSegment(user.substring(0, slash)) || !Topic.isValidSegment(user.substring(slash + 1)))) {
                    reason = LoginRefusal.Reason.MALFORMED_USERNAME;
                } else if (user != null) {
                    String tenant = user.substring(0, slash);
                    String deviceId = user.substring(slash + 1);
                    Optional<String[]> device = typeAndState(c, tenant, deviceId);
                    if (device.isPresent()) {
                        row = new Row(tenant, deviceId, DeviceType.fromWire(device.get()[0]));
                        reason = !t.passwordGiven ? LoginRefusal.Reason.NO_CREDENTIALS : switch (DeviceState.fromWire(device.get()[1])) {
                            case DISABLED -> LoginRefusal.Reason.DISABLED;
                            case DECOMMISSIONED -> LoginRefusal.Reason.DECOMMISSIONED;
                            case ACTIVE -> LoginRefusal.Reason.WRONG_TOKEN;
                        };
                    } else {
                        if (tenants.computeIfAbsent(tenant, x -> hasDevices(c, x))) row = new Row(tenant, "", null);
                        reason = t.passwordGiven ? LoginRefusal.Reason.UNKNOWN_DEVICE : LoginRefusal.Reason.NO_CREDENTIALS;
                    }
                }
                counted.merge(reason, t.count, Long::sum);
                Tally into = rows.computeIfAbsent(row, r -> new Tally());
                if (into.last == null || !t.last.isBefore(into.last)) reasons.put(row, reason);
                into.add(t.count, t.first, t.last, t.remote, t.passwordGiven, t.username);
            }
            try {
                for (Map.Entry<Row, Tally> r : rows.entrySet()) upsert(c, r.getKey(), r.getValue(), reasons.get(r.getKey()));
                c.commit();
            } catch (SQLException | RuntimeException x) {
                c.rollback();
                throw x;
            }
            counted.forEach((r, n) -> recorded.get(r).add(n));
        } catch (SQLException | RuntimeException x) {
            LOG.log(System.Logger.Level.WARNING, "refused device logins not recorded yet (kept for the next try): " + x.getMessage());
            synchronized (lock) {
                for (Map.Entry<String, Tally> e : batch.entrySet()) {
                    Tally t = e.getValue();
                    add(pending, e.getKey(), t.count, t.first, t.last, t.remote, t.passwordGiven, t.username);
                }
            }
            if (x instanceof SQLException s) throw new RegistryUnavailableException("record refused device logins", s);
            throw (RuntimeException) x;
        }
    }

    private static Optional<String[]> typeAndState(Connection c, String tenant, String deviceId) {
        try (PreparedStatement ps = c.prepareStatement("SELECT device_type, state FROM registered_device WHERE tenant = ? AND device_id = ?")) {
            ps.setString(1, tenant);
            ps.setString(2, deviceId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new String[]{rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new RegistryUnavailableException("look up " + tenant + "/" + deviceId, e);
        }
    }

    private static boolean hasDevices(Connection c, String tenant) {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM registered_device WHERE tenant = ? LIMIT 1")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new RegistryUnavailableException("look up tenant " + tenant, e);
        }
    }

    /** Adds a tally to its row: UPDATE, else INSERT (ON CONFLICT DO NOTHING, as H2 and PostgreSQL both have it), else UPDATE. */
    private static void upsert(Connection c, Row row, Tally t, LoginRefusal.Reason reason) throws SQLException {
        if (update(c, row, t, reason) > 0) return;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO device_login_refusal (tenant, device_id, device_type, refused, first_at,"
                + " last_at, last_reason, last_remote, last_username) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, row.tenant());
            ps.setString(2, row.deviceId());
            ps.setString(3, row.type() == null ? null : row.type().wireName());
            ps.setLong(4, t.count);
            SqlTime.set(ps, 5, t.first);
            SqlTime.set(ps, 6, t.last);
            ps.setString(7, reason.name());
            ps.setString(8, t.remote);
            ps.setString(9, t.username);
            if (ps.executeUpdate() > 0) return;
        }
        update(c, row, t, reason); // another hub inserted the row meanwhile
    }

    private static int update(Connection c, Row row, Tally t, LoginRefusal.Reason reason) throws SQLException {
        // every right-hand side reads the row as it was before this statement (SQL semantics), so last_at goes last only for clarity
        try (PreparedStatement ps = c.prepareStatement("UPDATE device_login_refusal SET refused = refused + ?,"
                + " first_at = CASE WHEN first_at <= ? THEN first_at ELSE ? END,"
                + " last_reason = CASE WHEN last_at <= ? THEN ? ELSE last_reason END,"
                + " last_remote = CASE WHEN last_at <= ? THEN ? ELSE last_remote END,"
                + " last_username = CASE WHEN last_at <= ? THEN ? ELSE last_username END,"
                + " last_at = CASE WHEN last_at <= ? THEN ? ELSE last_at END"
                + " WHERE tenant = ? AND device_id = ?")) {
            ps.setLong(1, t.count);
            SqlTime.set(ps, 2, t.first);
            SqlTime.set(ps, 3, t.first);
            SqlTime.set(ps, 4, t.last);
            ps.setString(5, reason.name());
            SqlTime.set(ps, 6, t.last);
            ps.setString(7, t.remote);
            SqlTime.set(ps, 8, t.last);
            ps.setString(9, t.username);
            SqlTime.set(ps, 10, t.last);
            SqlTime.set(ps, 11, t.last);
            ps.setString(12, row.tenant());
            ps.setString(13, row.deviceId());
            return ps.executeUpdate();
        }
    }

    /** One device's refused logins, if it has any. */
    public Optional<LoginRefusal> forDevice(String tenant, String deviceId) {
        List<LoginRefusal> found = query("WHERE tenant = ? AND device_id = ?", List.of(tenant, deviceId), 0, 1);
        return found.stream().findFirst();
    }

    /** One page of refused logins and how many there are in all. */
    public record Page(List<LoginRefusal> items, long total) {
    }

    /** The tenant's refused logins, latest first: a row per device, and the tenant's unknown usernames in one row. */
    public Page list(String tenant, int offset, int limit) {
        List<LoginRefusal> items = query("WHERE tenant = ?", List.of(tenant), offset, limit);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM device_login_refusal WHERE tenant = ?")) {
            ps.setString(1, tenant);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Page(items, rs.getLong(1));
            }
        } catch (SQLException e) {
            throw new RegistryUnavailableException("count refused device logins", e);
        }
    }

    private List<LoginRefusal> query(String where, List<String> args, int offset, int limit) {
        String sql = "SELECT tenant, device_id, device_type, refused, first_at, last_at, last_reason, last_remote, last_username"
                + " FROM device_login_refusal " + where + " ORDER BY last_at DESC, device_id LIMIT ? OFFSET ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String a : args) ps.setString(i++, a);
            ps.setInt(i++, limit);
            ps.setInt(i, offset);
            List<LoginRefusal> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String deviceId = rs.getString("device_id");
                    String type = rs.getString("device_type");
                    out.add(new LoginRefusal(rs.getString("tenant"), deviceId.isEmpty() ? null : deviceId,
                            type == null ? null : DeviceType.fromWire(type), rs.getLong("refused"), SqlTime.get(rs, "first_at"),
                            SqlTime.get(rs, "last_at"), LoginRefusal.Reason.valueOf(rs.getString("last_reason")),
                            rs.getString("last_remote"), rs.getString("last_username")));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new RegistryUnavailableException("read refused device logins", e);
        }
    }

    /** Refusals this hub recorded since start, by reason (as told apart when flushed). */
    public long recorded(LoginRefusal.Reason reason) {
        return recorded.get(reason).sum();
    }

    private static String clip(String s, int max) {
        if (s == null) return null;
        StringBuilder b = new StringBuilder(Math.min(s.length(), max));
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char ch = s.charAt(i);
            b.append(Character.isISOControl(ch) ? '?' : ch);
        }
        return b.toString();
    }
}
