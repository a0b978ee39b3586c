package io.telerisk.hub.claims;

import io.telerisk.claims.fnol.Coverage;
import io.telerisk.claims.fnol.Policy;
import io.telerisk.claims.fnol.PolicyDirectory;
import io.telerisk.model.DeviceKey;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link PolicyDirectory} on the system of record: policies per device with their covers (tables
 * {@code claims_policy}, {@code claims_coverage}, V60), written by {@link #upsert}. The device key carries the
 * tenant, so a device never finds another tenant's policy. Blocking; thread-safe.
 */
public final class JdbcPolicyDirectory implements PolicyDirectory {
    private final DataSource dataSource;

    public JdbcPolicyDirectory(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Stores a policy (replacing one with the same id in the device's tenant, covers included), in one transaction. */
    public void upsert(Policy p) {
        String tenant = p.device().tenant();
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM claims_coverage WHERE tenant = ? AND policy_id = ?")) {
                    del.setString(1, tenant);
                    del.setString(2, p.policyId());
                    del.executeUpdate();
                }
                try (PreparedStatement del = c.prepareStatement("DELETE FROM claims_policy WHERE tenant = ? AND policy_id = ?")) {
                    del.setString(1, tenant);
                    del.setString(2, p.policyId());
                    del.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO claims_policy (tenant, policy_id, holder, device_type, device_id, "
                        + "inception, expiry) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ins.setString(1, tenant);
                    ins.setString(2, p.policyId());
                    ins.setString(3, p.holder() == null ? "" : p.holder());
                    ins.setString(4, p.device().type().wireName());
                    ins.setString(5, p.device().deviceId());
                    ins.setObject(6, JdbcClaimRepository.utc(p.inception()));
                    ins.setObject(7, JdbcClaimRepository.utc(p.expiry()));
                    ins.executeUpdate();
                }
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO claims_coverage (tenant, policy_id, code, limit_amount, "
                        + "deductible, currency, index_terms) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (Coverage cv : p.coverages()) {
                        ins.setString(1, tenant);
                        ins.setString(2, p.policyId());
                        ins.setString(3, cv.code());
                        ins.setBigDecimal(4, cv.limit());
                        ins.setBigDecimal(5, cv.deductible());
                        ins.setString(6, cv.currency());
                        ins.setString(7, CoverTermsJson.encode(cv.index()));
                        ins.addBatch();
                    }
                    ins.executeBatch();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store policy " + p.policyId() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Policy> policyFor(DeviceKey device, Instant at) {
        List<Policy> l = select(device, "AND inception <= ? AND expiry > ? ORDER BY inception DESC, policy_id", at, at);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The device's policies in force at some time in {@code [from, to)}. */
    public List<Policy> overlapping(DeviceKey device, Instant from, Instant to) {
        return select(device, "AND inception < ? AND expiry > ? ORDER BY inception, policy_id", to, from);
    }

    /** Policies in force at {@code at} that have any of these covers (with all their covers), in tenant and policy order. */
    public List<Policy> withCovers(List<String> codes, Instant at) {
        if (codes.isEmpty()) return List.of();
        String marks = String.join(", ", java.util.Collections.nCopies(codes.size(), "?"));
        List<DeviceKey> devices = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT p.tenant, p.device_type, p.device_id FROM claims_policy p JOIN claims_coverage v "
                        + "ON v.tenant = p.tenant AND v.policy_id = p.policy_id WHERE v.code IN (" + marks + ") AND p.inception <= ? AND p.expiry > ? "
                        + "ORDER BY p.tenant, p.device_type, p.device_id")) {
            for (int i = 0; i < codes.size(); i++) ps.setString(i + 1, codes.get(i));
            ps.setObject(codes.size() + 1, JdbcClaimRepository.utc(at));
            ps.setObject(codes.size() + 2, JdbcClaimRepository.utc(at));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) devices.add(new DeviceKey(rs.getString(1), io.telerisk.model.DeviceType.fromWire(rs.getString(2)), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list policies with covers " + codes + ": " + e.getMessage(), e);
        }
        List<Policy> out = new ArrayList<>();
        for (DeviceKey d : devices) {
            for (Policy p : select(d, "AND inception <= ? AND expiry > ? ORDER BY policy_id", at, at)) {
                if (p.coverages().stream().anyMatch(cv -> codes.contains(cv.code()))) out.add(p);
            }
        }
        return out;
    }

    private List<Policy> select(DeviceKey device, String condition, Instant a, Instant b) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT policy_id, holder, inception, expiry FROM claims_policy WHERE tenant = ? AND device_type = ? AND device_id = ? " + condition)) {
            ps.setString(1, device.tenant());
            ps.setString(2, device.type().wireName());
            ps.setString(3, device.deviceId());
            ps.setObject(4, JdbcClaimRepository.utc(a));
            ps.setObject(5, JdbcClaimRepository.utc(b));
            List<Policy> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Policy(rs.getString(1), rs.getString(2), device, rs.getObject(3, OffsetDateTime.class).toInstant(),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), List.of()));
                }
            }
            List<Policy> withCovers = new ArrayList<>();
            for (Policy p : out) {
                List<Coverage> covers = new ArrayList<>();
                try (PreparedStatement cs = c.prepareStatement("SELECT code, limit_amount, deductible, currency, index_terms FROM claims_coverage "
                        + "WHERE tenant = ? AND policy_id = ? ORDER BY code")) {
                    cs.setString(1, device.tenant());
                    cs.setString(2, p.policyId());
                    try (ResultSet rs = cs.executeQuery()) {
                        while (rs.next()) covers.add(new Coverage(rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getString(4).trim(),
                                CoverTermsJson.decode(rs.getString(1), rs.getString(5))));
                    }
                }
                withCovers.add(new Policy(p.policyId(), p.holder(), device, p.inception(), p.expiry(), covers));
            }
            return withCovers;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read policies of " + device + ": " + e.getMessage(), e);
        }
    }
}
