package io.telerisk.hub.registry;

import io.telerisk.hub.store.jdbc.SystemOfRecord;
import io.telerisk.model.DeviceKey;
import io.telerisk.model.DeviceType;
import io.telerisk.testkit.MosquittoBroker;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The broker's password file and ACL generated from the registry, installed in a real Mosquitto: an active device
 * connects with its registry credential and publishes only on its own topics; a disabled device is refused.
 */
class BrokerAccessFilesTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    private static MqttAsyncClient connect(MosquittoBroker broker, DeviceCredential cred) throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient(broker.uri(), cred.device().deviceId() + "-" + UUID.randomUUID(), new MemoryPersistence());
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setUserName(cred.username());
        o.setPassword(cred.token().getBytes(StandardCharsets.UTF_8));
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    private static int publish(MqttAsyncClient c, String topic) throws MqttException {
        var token = c.publish(topic, new MqttMessage("{}".getBytes(StandardCharsets.UTF_8), 1, false, null));
        token.waitForCompletion(10_000);
        int[] codes = token.getReasonCodes();
        return codes == null || codes.length == 0 ? 0 : codes[0];
    }

    @Test
    void anActiveDevicePublishesOnlyOnItsOwnTopicsAndADisabledOneIsRefused() throws Exception {
        SystemOfRecord sor = SystemOfRecord.open("jdbc:h2:mem:broker-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "", 2);
        open.add(sor);
        JdbcDeviceRegistry registry = new JdbcDeviceRegistry(sor.dataSource());
        DeviceKey car1 = new DeviceKey("acme", DeviceType.VEHICLE, "car-1");
        DeviceKey car2 = new DeviceKey("acme", DeviceType.VEHICLE, "car-2");
        registry.register(car1, "car one");
        registry.register(car2, "car two");
        DeviceCredential c1 = registry.issueCredential(car1).orElseThrow();
        DeviceCredential c2 = registry.issueCredential(car2).orElseThrow();
        registry.setState(car2, DeviceState.DISABLED);

        BrokerAccessFiles files = BrokerAccessFiles.fromRegistry(sor.dataSource(), "telerisk-hub", "hub-secret");
        assertEquals(1, files.devices());
        assertTrue(files.acl().contains("user acme/car-1\n"), files.acl());
        assertFalse(files.acl().contains("car-2") || files.passwordFile().contains("car-2"), "a disabled device is absent");
        assertFalse(files.passwordFile().contains(c1.token()), "only the hash, never the token");

        MosquittoBroker broker = MosquittoBroker.startWithPasswordFileAndAcl(files.passwordFile(), files.acl());
        open.add(broker);
        MqttAsyncClient car = connect(broker, c1);
        open.add(() -> {
            if (car.isConnected()) car.disconnectForcibly(100, 1000, false);
            car.close(true);
        });
        int own = publish(car, "v1/acme/vehicle/car-1/telemetry");
        assertTrue(own == 0 || own == 0x10, "its own topic: success, or 0x10 No matching subscribers (no hub here), got " + own);
        assertEquals(0x87, publish(car, "v1/acme/vehicle/car-2/telemetry"), "another device's topic: Not authorized");
        assertEquals(0x87, publish(car, "v1/acme/vehicle/car-1/cmd"), "it reads its commands, never writes them");

        MqttException refused = assertThrows(MqttException.class, () -> connect(broker, c2));
        assertTrue(refused.getReasonCode() == 0x86 || refused.getReasonCode() == 0x87 || refused.getReasonCode() == 0x8C,
                "a disabled device is refused at CONNECT: " + refused);
    }

    @Test
    void theHashIsWhatMosquittoPasswdWrites() {
        String h = MosquittoPasswordHash.of("a-token", new byte[12], 101);
        assertTrue(h.matches("\\$7\\$101\\$[A-Za-z0-9+/=]{16}\\$[A-Za-z0-9+/=]{88}"), h);
        assertFalse(h.equals(MosquittoPasswordHash.of("a-token")), "a fresh salt each time");
    }
}
