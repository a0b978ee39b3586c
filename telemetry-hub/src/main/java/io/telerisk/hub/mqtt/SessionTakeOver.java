package io.telerisk.hub.mqtt;

import io.telerisk.hub.cluster.Notifications;
import io.telerisk.hub.registry.DeviceSession;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.vertx.core.Vertx;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One live built-in endpoint connection per device across the hubs of one system of record, and its rate allowance
 * carried along (issue #12). What one MQTT broker does for one client id, done by several hubs through PostgreSQL
 * NOTIFY on channel {@value #CHANNEL}:
 *
 * <ol>
 *   <li>A hub that accepts a device's CONNECT announces the new session ({@code start}).
 *   <li>Every hub reads the announcements in the one order PostgreSQL's notification queue gives all listeners (commit
 *       order), and the session announced last wins: a hub whose own connection of the device was announced earlier
 *       ends it with DISCONNECT 0x8E "Session taken over" (MQTT 3.1.1: closed); a connection whose announcement comes
 *       later stays, since its own announcement will end the other. So two simultaneous connects on two hubs never
 *       end both, nor keep both, and no hub's clock is involved.
 *   <li>The hub that held the device's allowance ({@link DeviceAllowances}) sends what was left ({@code level}) and
 *       keeps an empty bucket marked away; so does every other hub, which has nothing to send. The new session's
 *       connection, on a hub keeping such an away bucket, reads nothing until that level arrives (at most 1 s) and
 *       continues from it; on a hub with its own bucket, from the lower of the two.
 * </ol>
 *
 * <p>What is not covered: a connection on a hub holding no bucket for the device (its last connect anywhere was more
 * than {@code burst / rate} seconds ago) starts with a full burst until the previous hub's level lowers it, one NOTIFY
 * round trip later; while a hub's listening connection is down it sees no announcements, so a device may hold a
 * connection there and one elsewhere until its next connect. With H2 there is one hub and the endpoint's same-hub
 * replacement is all there is.
 */
final class SessionTakeOver implements Notifications.Handler {
    private static final Logger LOG = Logger.getLogger(SessionTakeOver.class.getName());
    /** The NOTIFY channel. */
    static final String CHANNEL = "telerisk_mqtt_session";

    private final Vertx vertx;
    private final DataSource dataSource;
    private final Notifications notifications;
    private final BuiltInMqttEndpoint endpoint;
    /** Tells this hub's announcements from the others'. */
    private final String hubId = UUID.randomUUID().toString().substring(0, 8);

    private SessionTakeOver(Vertx vertx, DataSource dataSource, Notifications notifications, BuiltInMqttEndpoint endpoint) {
        this.vertx = vertx;
        this.dataSource = dataSource;
        this.notifications = notifications;
        this.endpoint = endpoint;
    }

    /** Subscribes to {@value #CHANNEL} (call before {@link Notifications#start}) and announces the endpoint's sessions. */
    static SessionTakeOver share(Vertx vertx, DataSource dataSource, Notifications notifications, BuiltInMqttEndpoint endpoint) {
        SessionTakeOver t = new SessionTakeOver(vertx, dataSource, notifications, endpoint);
        notifications.on(CHANNEL, t);
        endpoint.onSessionStarted(t::announce);
        return t;
    }

    /** A connection was accepted here (event loop): tell every hub, off the event loop. */
    private void announce(DeviceKey device, DeviceSession session) {
        send("start|" + hubId + "|" + session.id() + "|" + device);
    }

    @Override
    public void message(String payload) {
        String[] p = payload.split("\\|", 6);
        try {
            if (p.length == 4 && p[0].equals("start")) {
                DeviceKey device = parse(p[3]);
                if (p[1].equals(hubId)) {
                    endpoint.announcedHere(device, p[2]);
                } else {
                    endpoint.announcedElsewhere(device).ifPresent(left -> send(String.format(Locale.ROOT, "level|%s|%s|%.3f|%.3f|%s",
                            hubId, p[2], left.messages(), left.bytes(), device)));
                }
            } else if (p.length == 6 && p[0].equals("level")) {
                if (!p[1].equals(hubId)) endpoint.continueFrom(parse(p[5]), p[2],
                        new DeviceRateLimit.Level(Double.parseDouble(p[3]), Double.parseDouble(p[4])));
            } else {
                LOG.warning("ignoring session notification '" + payload + "'");
            }
        } catch (IllegalArgumentException e) {
            LOG.warning("ignoring session notification '" + payload + "': " + e.getMessage());
        }
    }

    @Override
    public void resync(Instant lostAt) {
        // announcements are not kept anywhere to read back: the sessions started meanwhile are settled by the devices'
        // next connects (see the class comment)
        LOG.info("session announcements since " + lostAt + " may be lost: a device may hold a connection here and on another hub until it reconnects");
    }

    private void send(String payload) {
        vertx.executeBlocking(() -> {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                notifications.send(c, CHANNEL, payload);
            }
            return null;
        }, false).onFailure(t -> LOG.log(Level.WARNING, "session notification not sent: " + payload, t));
    }

    private static DeviceKey parse(String key) {
        String[] k = key.split("/", 3);
        if (k.length != 3) throw new IllegalArgumentException("not a device key: " + key);
        return new DeviceKey(k[0], DeviceType.fromWire(k[1]), k[2]);
    }
}
