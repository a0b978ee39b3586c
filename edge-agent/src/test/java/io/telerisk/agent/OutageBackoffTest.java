package io.telerisk.agent;

import io.telerisk.agent.mqtt.ConnectFailure;
import io.telerisk.model.DeviceType;
import io.telerisk.model.GnssFix;
import io.telerisk.model.VehicleSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** During an outage the documented backoff holds while data keeps flowing, and each failure says why in words. */
class OutageBackoffTest {
    @TempDir
    Path queueDir;

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // nothing listens there once closed
        }
    }

    @Test
    void samplesQueuedDuringAnOutageDoNotTriggerConnectAttempts() throws Exception {
        AgentConfig config = AgentConfig.builder("acme", "car-1", DeviceType.VEHICLE)
                .broker("tcp://127.0.0.1:" + closedPort())
                .queueDirectory(queueDir)
                .backoff(Duration.ofMillis(400), Duration.ofSeconds(2))
                .randomSeed(7)
                .build();
        Agent agent = Agent.start(config);
        try {
            Instant t0 = Instant.parse("2026-03-15T10:00:00Z");
            for (int i = 0; i < 300; i++) {
                agent.submitSamples(List.of(new VehicleSample(t0.plusSeconds(i), GnssFix.of(48.1, 11.5), 10.0, 90.0, null, null, null)));
                Thread.sleep(10);
            }
            long attempts = agent.linkStats().connectFailures();
            // 300 samples over >= 3 s; backoff ceilings 0.4, 0.8, 1.6, 2, 2 s with full jitter: at most a handful of
            // attempts. When every sample woke the connect loop this was in the hundreds.
            assertTrue(attempts >= 1 && attempts <= 20, "connect attempts during the outage: " + attempts);
            String reason = agent.linkStats().lastError();
            assertTrue(reason.startsWith("broker unreachable"), "the failure says why: " + reason);
        } finally {
            agent.close();
        }
    }

    @Test
    void tlsAndRefusalsAreDescribedInWords() {
        Exception pkix = new org.eclipse.paho.mqttv5.common.MqttException(0,
                new javax.net.ssl.SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));
        assertTrue(ConnectFailure.describe(pkix).contains("check --cafile"), ConnectFailure.describe(pkix));
        Exception badCert = new org.eclipse.paho.mqttv5.common.MqttException(0,
                new javax.net.ssl.SSLHandshakeException("Received fatal alert: bad_certificate"));
        assertTrue(ConnectFailure.describe(badCert).contains("check --keystore"), ConnectFailure.describe(badCert));
        Exception refused = new org.eclipse.paho.mqttv5.common.MqttException(0, new ConnectException("Connection refused"));
        assertTrue(ConnectFailure.describe(refused).startsWith("broker unreachable"), ConnectFailure.describe(refused));
        Exception auth = new org.eclipse.paho.mqttv5.common.MqttException(0x86);
        assertTrue(ConnectFailure.describe(auth).contains("refused the credentials"), ConnectFailure.describe(auth));
    }
}
