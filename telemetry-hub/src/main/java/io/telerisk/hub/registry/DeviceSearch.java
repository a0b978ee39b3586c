package io.telerisk.hub.registry;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The operators' device search ({@link JdbcDeviceRegistry#search}): the SQL built from a {@link DeviceQuery}. */
final class DeviceSearch {
    private DeviceSearch() {
    }

    /**
     * One page of a tenant's devices matching the query, ordered by id, with how many match in all. Status filters
     * read {@code device_status} as last flushed by the hubs (see {@link DeviceStatusTracker#flush}).
     */
    static JdbcDeviceRegistry.DevicePage page(DataSource dataSource, DeviceQuery q) throws SQLException {
        StringBuilder where = new StringBuilder(" FROM registered_device d LEFT JOIN device_status s"
                + " ON s.tenant = d.tenant AND s.device_id = d.device_id WHERE d.tenant = ?");
        List<Object> args = new ArrayList<>();
        args.add(q.tenant());
        if (q.type() != null) {
            where.append(" AND d.device_type = ?");
            args.add(q.type().wireName());
        }
        if (q.state() != null) {
            where.append(" AND d.state = ?");
            args.add(q.state().wireName());
        }
        if (q.online() != null) where.append(q.online() ? " AND s.online = TRUE" : " AND (s.online IS NULL OR s.online = FALSE)");
        if (q.seenBefore() != null) {
            where.append(" AND (s.last_seen IS NULL OR s.last_seen < ?)");
            args.add(java.time.OffsetDateTime.ofInstant(q.seenBefore(), java.time.ZoneOffset.UTC));
        }
        if (q.seenSince() != null) {
            where.append(" AND s.last_seen >= ?");
            args.add(java.time.OffsetDateTime.ofInstant(q.seenSince(), java.time.ZoneOffset.UTC));
        }
        if (q.text() != null) {
            // a plain substring of the id or the display name; LIKE's wildcards in the text are taken literally
            where.append(" AND (LOWER(d.device_id) LIKE ? ESCAPE '!' OR LOWER(COALESCE(d.display_name, '')) LIKE ? ESCAPE '!')");
            String like = "%" + q.text().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
            args.add(like);
            args.add(like);
        }
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DeviceRegistry.RegisteredDevice> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT d.tenant, d.device_id, d.device_type, d.display_name, "
                    + "d.registered_at, d.state" + where + " ORDER BY d.device_id LIMIT ? OFFSET ?")) {
                int i = bind(ps, args);
                ps.setInt(i++, q.limit());
                ps.setInt(i, q.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(JdbcDeviceRegistry.device(rs));
                }
            }
            return new JdbcDeviceRegistry.DevicePage(out, total);
        }
    }

    private static int bind(PreparedStatement ps, List<Object> args) throws SQLException {
        int i = 1;
        for (Object a : args) ps.setObject(i++, a);
        return i;
    }

}
