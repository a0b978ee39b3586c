package io.telerisk.hub.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the ingest pipeline. {@link #defaults()} runs as-is for the embedded demo: built-in MQTT endpoint on
 * port 1883, no external broker, spool and dead letters under {@code data/}.
 *
 * @param builtInEnabled       whether the built-in MQTT endpoint listens
 * @param mqttHost             interface the built-in endpoint binds to
 * @param mqttPort             port of the built-in endpoint (0 picks a free port; see {@link IngestService#builtInPort()})
 * @param mqttTlsCertPath      PEM certificate chain for TLS on the built-in endpoint, or null for plain TCP
 * @param mqttTlsKeyPath       PEM private key for TLS, or null
 * @param receiveMaximum       MQTT 5 receive maximum announced to devices and to the external broker: the most
 *                             unacknowledged QoS 1 messages one connection may have in flight
 * @param maxMessageBytes      largest accepted payload; bigger ones are dead-lettered as TOO_LARGE
 * @param batchMaxPoints       a store batch is written when it holds this many samples plus events...
 * @param batchMaxDelay        ...or when its first message has waited this long
 * @param maxInFlightBytes     payload bytes received but not yet acknowledged before the hub stops reading
 * @param storeTimeout         a store call slower than this is treated as unavailable: the batch goes to the spool
 * @param spoolDir             directory of the disk spool
 * @param spoolMaxBytes        spool size bound; when full the hub stops reading instead of dropping
 * @param replayRetry          pause between attempts to replay the spool while the store is down
 * @param deadLetterDir        directory of the file dead-letter store
 * @param deadLetterMaxFileBytes size at which a dead-letter file is rotated
 * @param deadLetterMaxFiles   rotated dead-letter files kept
 * @param dedupWindow          sequences remembered below each device's highest sequence (bitmap size)
 * @param dedupMaxDevices      devices whose dedup window is kept (least recently seen are forgotten first)
 * @param defaultContentType   codec for messages without an MQTT 5 content type (MQTT 3.1.1 clients)
 * @param externalBrokerUri    external broker, e.g. {@code tcp://broker:1883} or {@code ssl://broker:8883}; null = none
 * @param sharedGroup          shared-subscription group name; every hub of one deployment uses the same one
 * @param clientId             MQTT client id at the external broker; unique per hub instance, stable across restarts
 * @param brokerUsername       external broker user, or null
 * @param brokerPassword       external broker password, or null
 * @param limits               what one device may do on the built-in endpoint (rates, keep-alive, connect timeout)
 */
public record IngestConfig(boolean builtInEnabled, String mqttHost, int mqttPort, String mqttTlsCertPath,
                           String mqttTlsKeyPath, int receiveMaximum, int maxMessageBytes, int batchMaxPoints,
                           Duration batchMaxDelay, long maxInFlightBytes, Duration storeTimeout, Path spoolDir,
                           long spoolMaxBytes, Duration replayRetry, Path deadLetterDir, long deadLetterMaxFileBytes,
                           int deadLetterMaxFiles, int dedupWindow, int dedupMaxDevices, String defaultContentType,
                           String externalBrokerUri, String sharedGroup, String clientId, String brokerUsername,
                           String brokerPassword, MqttLimits limits) {

    public IngestConfig {
        Objects.requireNonNull(mqttHost, "mqttHost");
        Objects.requireNonNull(batchMaxDelay, "batchMaxDelay");
        Objects.requireNonNull(storeTimeout, "storeTimeout");
        Objects.requireNonNull(spoolDir, "spoolDir");
        Objects.requireNonNull(replayRetry, "replayRetry");
        Objects.requireNonNull(deadLetterDir, "deadLetterDir");
        Objects.requireNonNull(defaultContentType, "defaultContentType");
        Objects.requireNonNull(sharedGroup, "sharedGroup");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(limits, "limits");
        if (mqttPort < 0 || mqttPort > 65535) throw new IllegalArgumentException("mqttPort " + mqttPort + " not in 0..65535");
        if (receiveMaximum < 1 || receiveMaximum > 65535) throw new IllegalArgumentException("receiveMaximum " + receiveMaximum + " not in 1..65535");
        if (maxMessageBytes < 1024) throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " < 1024");
        if (batchMaxPoints < 1) throw new IllegalArgumentException("batchMaxPoints must be >= 1");
        if (maxInFlightBytes < maxMessageBytes) throw new IllegalArgumentException("maxInFlightBytes must be >= maxMessageBytes");
        if (spoolMaxBytes < 1024 * 1024) throw new IllegalArgumentException("spoolMaxBytes must be >= 1 MiB");
        if (dedupWindow < 64) throw new IllegalArgumentException("dedupWindow must be >= 64");
        if (dedupMaxDevices < 1) throw new IllegalArgumentException("dedupMaxDevices must be >= 1");
        if ((mqttTlsCertPath == null) != (mqttTlsKeyPath == null)) throw new IllegalArgumentException("mqttTlsCertPath and mqttTlsKeyPath go together");
        if (!sharedGroup.matches("[A-Za-z0-9._-]{1,64}")) throw new IllegalArgumentException("invalid sharedGroup '" + sharedGroup + "'");
    }

    /** Settings that run the embedded demo: built-in endpoint on 127.0.0.1:1883 (this host only), data under {@code data/}. */
    public static IngestConfig defaults() {
        return new IngestConfig(true, "127.0.0.1", 1883, null, null, 1000, 256 * 1024, 5000,
                Duration.ofMillis(20), 64L * 1024 * 1024, Duration.ofSeconds(5), Path.of("data", "spool"),
                1024L * 1024 * 1024, Duration.ofSeconds(1), Path.of("data", "dead-letters"), 16L * 1024 * 1024, 8,
                1024, 100_000, "application/json", null, "telerisk-hub", "telerisk-hub-1", null, null,
                MqttLimits.DEFAULT);
    }

    /** The same settings with other device limits on the built-in endpoint. */
    public IngestConfig withLimits(MqttLimits limits) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum,
                maxMessageBytes, batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout, spoolDir,
                spoolMaxBytes, replayRetry, deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow,
                dedupMaxDevices, defaultContentType, externalBrokerUri, sharedGroup, clientId, brokerUsername,
                brokerPassword, limits);
    }

    /** Whether the built-in endpoint listens only on this host (loopback), where plain TCP is not on the network. */
    public boolean builtInLoopbackOnly() {
        try {
            return java.net.InetAddress.getByName(mqttHost).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Whether an external broker is configured. */
    public boolean externalEnabled() {
        return externalBrokerUri != null && !externalBrokerUri.isBlank();
    }

    public IngestConfig withBuiltIn(boolean enabled, String host, int port) {
        return new IngestConfig(enabled, host, port, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum, maxMessageBytes,
                batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout, spoolDir, spoolMaxBytes, replayRetry,
                deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow, dedupMaxDevices,
                defaultContentType, externalBrokerUri, sharedGroup, clientId, brokerUsername, brokerPassword, limits);
    }

    public IngestConfig withTls(String certPath, String keyPath) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, certPath, keyPath, receiveMaximum, maxMessageBytes,
                batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout, spoolDir, spoolMaxBytes, replayRetry,
                deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow, dedupMaxDevices,
                defaultContentType, externalBrokerUri, sharedGroup, clientId, brokerUsername, brokerPassword, limits);
    }

    /** Data directories: spool in {@code dataDir/spool}, dead letters in {@code dataDir/dead-letters}. */
    public IngestConfig withDataDir(Path dataDir) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum,
                maxMessageBytes, batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout,
                dataDir.resolve("spool"), spoolMaxBytes, replayRetry, dataDir.resolve("dead-letters"),
                deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow, dedupMaxDevices, defaultContentType,
                externalBrokerUri, sharedGroup, clientId, brokerUsername, brokerPassword, limits);
    }

    public IngestConfig withBatching(int maxPoints, Duration maxDelay, long maxInFlightBytes) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum,
                maxMessageBytes, maxPoints, maxDelay, maxInFlightBytes, storeTimeout, spoolDir, spoolMaxBytes,
                replayRetry, deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow, dedupMaxDevices,
                defaultContentType, externalBrokerUri, sharedGroup, clientId, brokerUsername, brokerPassword, limits);
    }

    public IngestConfig withStoreTimeouts(Duration storeTimeout, Duration replayRetry) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum,
                maxMessageBytes, batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout, spoolDir,
                spoolMaxBytes, replayRetry, deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow,
                dedupMaxDevices, defaultContentType, externalBrokerUri, sharedGroup, clientId, brokerUsername,
                brokerPassword, limits);
    }

    public IngestConfig withSpoolMaxBytes(long maxBytes) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum,
                maxMessageBytes, batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout, spoolDir, maxBytes,
                replayRetry, deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow, dedupMaxDevices,
                defaultContentType, externalBrokerUri, sharedGroup, clientId, brokerUsername, brokerPassword, limits);
    }

    /** Adds the external broker source; {@code username}/{@code password} may be null. */
    public IngestConfig withExternalBroker(String uri, String group, String clientId, String username, String password) {
        return new IngestConfig(builtInEnabled, mqttHost, mqttPort, mqttTlsCertPath, mqttTlsKeyPath, receiveMaximum,
                maxMessageBytes, batchMaxPoints, batchMaxDelay, maxInFlightBytes, storeTimeout, spoolDir,
                spoolMaxBytes, replayRetry, deadLetterDir, deadLetterMaxFileBytes, deadLetterMaxFiles, dedupWindow,
                dedupMaxDevices, defaultContentType, uri, group, clientId, username, password, limits);
    }

    /** Hides the passwords, since configurations get logged. */
    @Override
    public String toString() {
        return "IngestConfig[builtIn=" + builtInEnabled + " " + mqttHost + ":" + mqttPort + (mqttTlsCertPath != null ? " tls" : "")
                + ", receiveMaximum=" + receiveMaximum + ", maxMessageBytes=" + maxMessageBytes
                + ", batch=" + batchMaxPoints + "/" + batchMaxDelay.toMillis() + "ms, maxInFlightBytes=" + maxInFlightBytes
                + ", spool=" + spoolDir + " max " + spoolMaxBytes + ", deadLetters=" + deadLetterDir
                + ", external=" + (externalEnabled() ? externalBrokerUri + " $share/" + sharedGroup + " as " + clientId : "none") + "]";
    }
}
