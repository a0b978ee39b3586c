package io.telerisk.hub.registry;

import io.telerisk.model.topic.Topic;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The external broker's password file and ACL, generated from the registry (topologies with Mosquitto: the broker is
 * the ACL of the {@code $share} path). One block per <em>active</em> device with a credential: it publishes on its own
 * telemetry, events and status topics and reads its own cmd topic; disabled and decommissioned devices are absent, so
 * the broker refuses them once the files are installed and Mosquitto reloaded (SIGHUP). Devices whose credential was
 * issued before broker hashes were kept (migration V89) are left out and counted: rotate their credential to include
 * them. The hubs' own user reads the three device channels and writes commands.
 *
 * @param passwordFile the {@code password_file} text ({@code username:$7$…} lines)
 * @param acl          the {@code acl_file} text
 * @param devices      devices written
 * @param withoutHash  active devices left out because their credential has no broker hash yet
 */
public record BrokerAccessFiles(String passwordFile, String acl, int devices, List<String> withoutHash) {

    /**
     * Reads the registry. Blocking (JDBC).
     *
     * @param hubUsername the hubs' broker user ({@code telerisk.broker.username}); null: no hub block
     * @param hubPassword its password, hashed into the password file; null: the hub's line is left to the operator
     */
    public static BrokerAccessFiles fromRegistry(DataSource dataSource, String hubUsername, String hubPassword) {
        StringBuilder passwd = new StringBuilder();
        StringBuilder acl = new StringBuilder("# generated from the Telerisk registry by bin/platform broker-files; do not edit\n");
        if (hubUsername != null && !hubUsername.isBlank()) {
            if (hubPassword != null && !hubPassword.isEmpty()) passwd.append(hubUsername).append(':').append(MosquittoPasswordHash.of(hubPassword)).append('\n');
            acl.append("\n# the hubs\nuser ").append(hubUsername).append('\n')
                    .append("topic read v1/+/+/+/telemetry\ntopic read v1/+/+/+/events\ntopic read v1/+/+/+/status\n")
                    .append("topic write v1/+/+/+/cmd\ntopic read $SYS/#\n");
        }
        acl.append("\n# one block per active device\n");
        int devices = 0;
        List<String> withoutHash = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT d.tenant, d.device_type, d.device_id, k.broker_hash FROM registered_device d JOIN device_credential k "
                        + "ON k.tenant = d.tenant AND k.device_id = d.device_id WHERE d.state = 'active' ORDER BY d.tenant, d.device_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String tenant = rs.getString(1), type = rs.getString(2), id = rs.getString(3), hash = rs.getString(4);
                // names come from the registry, which only stores topic-safe segments; checked again so no line is forged
                if (!Topic.isValidSegment(tenant) || !Topic.isValidSegment(type) || !Topic.isValidSegment(id)) continue;
                String user = tenant + "/" + id;
                if (hash == null) {
                    withoutHash.add(user);
                    continue;
                }
                passwd.append(user).append(':').append(hash).append('\n');
                String base = "v1/" + tenant + "/" + type + "/" + id + "/";
                acl.append("user ").append(user).append('\n')
                        .append("topic write ").append(base).append("telemetry\n")
                        .append("topic write ").append(base).append("events\n")
                        .append("topic write ").append(base).append("status\n")
                        .append("topic read ").append(base).append("cmd\n");
                devices++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the registry: " + e.getMessage(), e);
        }
        return new BrokerAccessFiles(passwd.toString(), acl.toString(), devices, List.copyOf(withoutHash));
    }
}
