package io.telerisk.agent;

import io.telerisk.agent.analytics.AnalyticsConfig;
import io.telerisk.agent.crash.CrashConfig;
import io.telerisk.agent.mqtt.DeviceCredentials;
import io.telerisk.agent.queue.QueueConfig;
import io.telerisk.model.DeviceType;
import io.telerisk.model.codec.Codecs;
import io.telerisk.model.codec.EnvelopeCodec;
import io.telerisk.model.topic.Topic;

import javax.net.SocketFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything an {@link Agent} needs. Build with {@link #builder(String, String, DeviceType)}; defaults suit a
 * vehicle unit on a cellular link.
 */
public final class AgentConfig {
    final String tenant;
    final String deviceId;
    final DeviceType deviceType;
    final String brokerUri;
    final DeviceCredentials credentials;
    final SocketFactory socketFactory;
    final EnvelopeCodec codec;
    final QueueConfig queue;
    final double replayRatePerSecond;
    final int replayBurst;
    final int maxInflight;
    final Duration backoffBase;
    final Duration backoffCap;
    final Duration sessionExpiry;
    final int keepAliveSeconds;
    final int maxSamplesPerEnvelope;
    final AnalyticsConfig analytics;
    final CrashConfig crash;
    final long randomSeed;
    final Duration healthInterval;

    private AgentConfig(Builder b) {
        this.tenant = b.tenant;
        this.deviceId = b.deviceId;
        this.deviceType = b.deviceType;
        this.brokerUri = Objects.requireNonNull(b.brokerUri, "brokerUri");
        this.credentials = b.credentials;
        this.socketFactory = b.socketFactory;
        this.codec = b.codec;
        this.queue = Objects.requireNonNull(b.queue, "queue (set queueDirectory)");
        this.replayRatePerSecond = b.replayRatePerSecond;
        this.replayBurst = b.replayBurst;
        this.maxInflight = b.maxInflight;
        this.backoffBase = b.backoffBase;
        this.backoffCap = b.backoffCap;
        this.sessionExpiry = b.sessionExpiry;
        this.keepAliveSeconds = b.keepAliveSeconds;
        this.maxSamplesPerEnvelope = b.maxSamplesPerEnvelope;
        this.analytics = b.analytics;
        this.crash = b.crash;
        this.randomSeed = b.randomSeed;
        this.healthInterval = b.healthInterval;
    }

    /** Starts a builder for a device; tenant and device id must be valid topic segments. */
    public static Builder builder(String tenant, String deviceId, DeviceType type) {
        if (!Topic.isValidSegment(tenant)) throw new IllegalArgumentException("invalid tenant '" + tenant + "': 1-64 of [A-Za-z0-9._-]");
        if (!Topic.isValidSegment(deviceId)) throw new IllegalArgumentException("invalid device id '" + deviceId + "': 1-64 of [A-Za-z0-9._-]");
        return new Builder(tenant, deviceId, Objects.requireNonNull(type, "type"));
    }

    public String tenant() {
        return tenant;
    }

    public String deviceId() {
        return deviceId;
    }

    public DeviceType deviceType() {
        return deviceType;
    }

    /** The MQTT client id: {@code tenant.deviceId}, stable so the persistent session is found again. */
    public String clientId() {
        return tenant + "." + deviceId;
    }

    /** Mutable builder. */
    public static final class Builder {
        private final String tenant;
        private final String deviceId;
        private final DeviceType deviceType;
        private String brokerUri = "tcp://127.0.0.1:1883";
        private DeviceCredentials credentials = new DeviceCredentials.None();
        private SocketFactory socketFactory;
        private EnvelopeCodec codec = Codecs.json();
        private QueueConfig queue;
        private double replayRatePerSecond = 20;
        private int replayBurst = 20;
        private int maxInflight = 10;
        private Duration backoffBase = Duration.ofSeconds(1);
        // a quiet agent is back within a minute of its broker's return, whatever the outage's length; full jitter
        // still spreads a fleet's reconnects over that minute
        private Duration backoffCap = Duration.ofMinutes(1);
        private Duration sessionExpiry = Duration.ofDays(7);
        private int keepAliveSeconds = 60;
        private int maxSamplesPerEnvelope = 500;
        private AnalyticsConfig analytics;
        private CrashConfig crash;
        private long randomSeed = System.nanoTime();
        private Duration healthInterval = Duration.ofMinutes(1);

        private Builder(String tenant, String deviceId, DeviceType deviceType) {
            this.tenant = tenant;
            this.deviceId = deviceId;
            this.deviceType = deviceType;
            if (deviceType == DeviceType.VEHICLE) {
                analytics = AnalyticsConfig.defaults();
                crash = CrashConfig.defaults();
            }
        }

        /** {@code tcp://host:1883} or {@code ssl://host:8883}. */
        public Builder broker(String uri) {
            this.brokerUri = uri;
            return this;
        }

        public Builder credentials(DeviceCredentials c) {
            this.credentials = Objects.requireNonNull(c);
            return this;
        }

        /** TLS socket factory (see {@link io.telerisk.agent.mqtt.TlsSocketFactories}). */
        public Builder tls(SocketFactory f) {
            this.socketFactory = f;
            return this;
        }

        /** Wire format, e.g. {@code Codecs.json()} or {@code Codecs.protobuf()}. */
        public Builder codec(EnvelopeCodec c) {
            this.codec = Objects.requireNonNull(c);
            return this;
        }

        /** Queue with default settings in {@code dir}. */
        public Builder queueDirectory(Path dir) {
            this.queue = QueueConfig.defaults(dir);
            return this;
        }

        public Builder queue(QueueConfig q) {
            this.queue = q;
            return this;
        }

        /** Backlog replay rate after an outage, messages per second, and its burst. */
        public Builder replayRate(double perSecond, int burst) {
            this.replayRatePerSecond = perSecond;
            this.replayBurst = burst;
            return this;
        }

        public Builder maxInflight(int n) {
            this.maxInflight = n;
            return this;
        }

        public Builder backoff(Duration base, Duration cap) {
            this.backoffBase = base;
            this.backoffCap = cap;
            return this;
        }

        public Builder sessionExpiry(Duration d) {
            this.sessionExpiry = d;
            return this;
        }

        public Builder keepAliveSeconds(int s) {
            this.keepAliveSeconds = s;
            return this;
        }

        public Builder maxSamplesPerEnvelope(int n) {
            if (n < 1) throw new IllegalArgumentException("maxSamplesPerEnvelope must be positive");
            this.maxSamplesPerEnvelope = n;
            return this;
        }

        /** Edge analytics for vehicles; {@code null} turns them off. */
        public Builder analytics(AnalyticsConfig a) {
            this.analytics = a;
            return this;
        }

        /** Crash detection for vehicles; {@code null} turns it off. */
        public Builder crash(CrashConfig c) {
            this.crash = c;
            return this;
        }

        /** Seed of the reconnect jitter (tests). */
        public Builder randomSeed(long seed) {
            this.randomSeed = seed;
            return this;
        }

        /**
         * How often the agent reports its health ({@code agent_health} event: queue depth, drops, reconnects) to the
         * hub; {@link Duration#ZERO} never. Default one minute, the first report one interval after start.
         */
        public Builder healthInterval(Duration every) {
            if (every.isNegative()) throw new IllegalArgumentException("health interval must not be negative");
            if (!every.isZero() && every.compareTo(Duration.ofSeconds(1)) < 0) throw new IllegalArgumentException("health interval must be at least 1 s");
            this.healthInterval = every;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(this);
        }
    }
}
