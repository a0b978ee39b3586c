package io.telerisk.hub.config;

import java.util.List;

/**
 * Every configuration key of the hub, its default and meaning: the single list behind {@code --help} and
 * docs/configuration.md (a test checks the document lists them all). Environment variable names follow
 * {@link ConfigSource#envName(String)}.
 */
public final class ConfigKeys {
    /** One key. */
    public record Key(String name, String defaultValue, String meaning) {
        public String envName() {
            return ConfigSource.envName(name);
        }
    }

    public static final String DATA_DIR = "telerisk.data-dir";
    public static final String SOR_URL = "telerisk.sor.url";
    public static final String SOR_USER = "telerisk.sor.user";
    public static final String SOR_PASSWORD = "telerisk.sor.password";
    public static final String API_HOST = "telerisk.api.host";
    public static final String API_PORT = "telerisk.api.port";
    public static final String API_TOKEN_TTL = "telerisk.api.token-ttl";
    public static final String API_MAX_LIMIT = "telerisk.api.max-limit";
    public static final String API_MAX_BUCKETS = "telerisk.api.max-buckets";
    public static final String API_BODY_LIMIT = "telerisk.api.body-limit-bytes";
    public static final String API_TLS_CERT = "telerisk.api.tls-cert";
    public static final String API_TLS_KEY = "telerisk.api.tls-key";
    public static final String API_TLS_KEYSTORE = "telerisk.api.tls-keystore";
    public static final String API_TLS_KEYSTORE_PASSWORD = "telerisk.api.tls-keystore-password";
    public static final String API_DRAIN_DELAY = "telerisk.api.drain-delay";
    public static final String API_ALLOW_PLAINTEXT = "telerisk.api.allow-plaintext";
    public static final String MQTT_ALLOW_PLAINTEXT = "telerisk.mqtt.allow-plaintext";
    public static final String API_TRUSTED_PROXIES = "telerisk.api.trusted-proxies";
    public static final String API_LOGIN_SOURCE_FREE_FAILURES = "telerisk.api.login.source-free-failures";
    public static final String API_LOGIN_SOURCE_MAX_DELAY = "telerisk.api.login.source-max-delay";
    public static final String API_LOGIN_USERNAME_FREE_FAILURES = "telerisk.api.login.username-free-failures";
    public static final String API_LOGIN_USERNAME_MAX_DELAY = "telerisk.api.login.username-max-delay";
    public static final String LOG_FORMAT = "telerisk.log.format";
    public static final String TENANT_DEFAULT_ZONE = "telerisk.tenant.default-zone";
    public static final String TENANT_ZONES = "telerisk.tenant.zones";
    public static final String MQTT_ENABLED = "telerisk.mqtt.enabled";
    public static final String MQTT_HOST = "telerisk.mqtt.host";
    public static final String MQTT_PORT = "telerisk.mqtt.port";
    public static final String MQTT_TLS_CERT = "telerisk.mqtt.tls-cert";
    public static final String MQTT_TLS_KEY = "telerisk.mqtt.tls-key";
    public static final String MQTT_RECEIVE_MAXIMUM = "telerisk.mqtt.receive-maximum";
    public static final String MQTT_MAX_MESSAGE_BYTES = "telerisk.mqtt.max-message-bytes";
    public static final String MQTT_DEFAULT_CONTENT_TYPE = "telerisk.mqtt.default-content-type";
    public static final String MQTT_RATE_MESSAGES = "telerisk.mqtt.rate.messages-per-second";
    public static final String MQTT_RATE_MESSAGE_BURST = "telerisk.mqtt.rate.message-burst";
    public static final String MQTT_RATE_BYTES = "telerisk.mqtt.rate.bytes-per-second";
    public static final String MQTT_RATE_BYTE_BURST = "telerisk.mqtt.rate.byte-burst";
    public static final String MQTT_REFUSALS_BEFORE_DISCONNECT = "telerisk.mqtt.refusals-before-disconnect";
    public static final String MQTT_CONNECT_TIMEOUT = "telerisk.mqtt.connect-timeout";
    public static final String MQTT_MAX_PENDING_CONNECTS = "telerisk.mqtt.max-pending-connects";
    public static final String MQTT_MAX_KEEP_ALIVE = "telerisk.mqtt.max-keep-alive";
    public static final String BROKER_URI = "telerisk.broker.uri";
    public static final String BROKER_GROUP = "telerisk.broker.shared-group";
    public static final String BROKER_CLIENT_ID = "telerisk.broker.client-id";
    public static final String BROKER_USERNAME = "telerisk.broker.username";
    public static final String BROKER_PASSWORD = "telerisk.broker.password";
    public static final String INGEST_BATCH_MAX_POINTS = "telerisk.ingest.batch-max-points";
    public static final String INGEST_BATCH_MAX_DELAY = "telerisk.ingest.batch-max-delay";
    public static final String INGEST_MAX_IN_FLIGHT_BYTES = "telerisk.ingest.max-in-flight-bytes";
    public static final String INGEST_STORE_TIMEOUT = "telerisk.ingest.store-timeout";
    public static final String INGEST_SPOOL_MAX_BYTES = "telerisk.ingest.spool-max-bytes";
    public static final String INGEST_REPLAY_RETRY = "telerisk.ingest.replay-retry";
    public static final String INGEST_DEDUP_WINDOW = "telerisk.ingest.dedup-window";
    public static final String INGEST_DEDUP_MAX_DEVICES = "telerisk.ingest.dedup-max-devices";
    public static final String INGEST_DEAD_LETTER_MAX_FILE_BYTES = "telerisk.ingest.dead-letter-max-file-bytes";
    public static final String INGEST_DEAD_LETTER_MAX_FILES = "telerisk.ingest.dead-letter-max-files";
    public static final String STORAGE_BACKEND = "telerisk.storage.backend";
    public static final String STORAGE_JDBC_URL = "telerisk.storage.jdbc.url";
    public static final String STORAGE_JDBC_USER = "telerisk.storage.jdbc.user";
    public static final String STORAGE_JDBC_PASSWORD = "telerisk.storage.jdbc.password";
    public static final String STORAGE_INFLUX_URL = "telerisk.storage.influx.url";
    public static final String STORAGE_INFLUX_MODE = "telerisk.storage.influx.mode";
    public static final String STORAGE_INFLUX_DATABASE = "telerisk.storage.influx.database";
    public static final String STORAGE_INFLUX_RP = "telerisk.storage.influx.retention-policy";
    public static final String STORAGE_INFLUX_ORG = "telerisk.storage.influx.org";
    public static final String STORAGE_INFLUX_BUCKET = "telerisk.storage.influx.bucket";
    public static final String STORAGE_INFLUX_TOKEN = "telerisk.storage.influx.token";
    public static final String STORAGE_BATCH_SIZE = "telerisk.storage.batch-size";
    public static final String RETENTION_RAW = "telerisk.retention.raw";
    public static final String RETENTION_HOURLY = "telerisk.retention.hourly";
    public static final String RETENTION_DAILY = "telerisk.retention.daily";
    public static final String RETENTION_INTERVAL = "telerisk.retention.interval";
    public static final String SUMMARY_INTERVAL = "telerisk.summary.interval";
    public static final String SUMMARY_SPEED_LIMIT = "telerisk.summary.speed-limit-kmh";
    public static final String SUMMARY_QUEUE = "telerisk.summary.queue-capacity";
    public static final String STATUS_FLUSH_INTERVAL = "telerisk.registry.status-flush-interval";
    public static final String CREDENTIAL_CACHE_TTL = "telerisk.registry.credential-cache-ttl";
    public static final String PRICING_SCORE_MODEL = "telerisk.pricing.score-model";
    public static final String CLAIMS_CLASSIFIER = "telerisk.claims.classifier";
    public static final String COMMANDS_OUTBOX_MAX_PENDING = "telerisk.commands.outbox-max-pending";
    public static final String COMMANDS_OUTBOX_EXPIRY = "telerisk.commands.outbox-expiry";

    /** All keys, in documentation order. */
    public static final List<Key> ALL = List.of(
            new Key(DATA_DIR, "./data/hub", "Data directory: H2 system of record, JWT secret, spool, dead letters."),
            new Key(SOR_URL, "jdbc:h2:file:<data-dir>/sor;MODE=PostgreSQL;…", "JDBC URL of the system of record (registry, users, summaries, privacy log). H2 file or PostgreSQL, e.g. jdbc:postgresql://db:5432/telerisk."),
            new Key(SOR_USER, "sa", "System-of-record user."),
            new Key(SOR_PASSWORD, "(empty)", "System-of-record password. Prefer the environment variable over a file."),
            new Key(API_HOST, "127.0.0.1", "Interface the REST API binds to; 0.0.0.0 to serve other hosts (needs TLS or telerisk.api.allow-plaintext)."),
            new Key(API_PORT, "8080", "REST API port (0 = any free port)."),
            new Key(API_TOKEN_TTL, "1h", "Lifetime of bearer tokens from POST /api/v1/auth/token."),
            new Key(API_MAX_LIMIT, "10000", "Largest `limit` a request may ask for."),
            new Key(API_MAX_BUCKETS, "10000", "Most buckets a downsampled series may have."),
            new Key(API_BODY_LIMIT, "65536", "Largest request body, bytes (larger → 413)."),
            new Key(API_TLS_CERT, "(none)", "PEM certificate chain: the API serves HTTPS (with tls-key)."),
            new Key(API_TLS_KEY, "(none)", "PEM private key of the API certificate."),
            new Key(API_TLS_KEYSTORE, "(none)", "PKCS#12 keystore (key and chain): the API serves HTTPS; instead of tls-cert and tls-key."),
            new Key(API_TLS_KEYSTORE_PASSWORD, "(empty)", "Password of the PKCS#12 keystore. Prefer the environment variable over a file."),
            new Key(API_DRAIN_DELAY, "0s", "On stop (SIGTERM), how long GET /health/ready answers 503 draining before the hub stops taking work; "
                    + "set it above your load balancer's check interval times its fall count."),
            new Key(API_ALLOW_PLAINTEXT, "false", "true: serve plain HTTP on an interface other than loopback (e.g. behind a proxy that terminates "
                    + "HTTPS on a private network). Without it, or TLS, a non-loopback telerisk.api.host stops the hub at start."),
            new Key(API_TRUSTED_PROXIES, "(none)", "Proxies and load balancers (IP addresses or CIDR blocks, comma-separated: 10.0.0.5,10.1.0.0/16) "
                    + "whose X-Forwarded-For or Forwarded header names the client for the login throttle: the right-most address that is "
                    + "not a trusted proxy. From any other peer these headers are ignored."),
            new Key(API_LOGIN_SOURCE_FREE_FAILURES, "10", "Failed logins per client address before each further one doubles its wait (from 1 s)."),
            new Key(API_LOGIN_SOURCE_MAX_DELAY, "15m", "Longest wait of one client address after failed logins."),
            new Key(API_LOGIN_USERNAME_FREE_FAILURES, "20", "Failed logins per username (from any address) before each further one doubles its wait; "
                    + "keep it above the per-address allowance, so one address cannot make a user wait."),
            new Key(API_LOGIN_USERNAME_MAX_DELAY, "30s", "Longest wait of one username: the most anyone can make a user wait by failing on purpose."),
            new Key(LOG_FORMAT, "text", "Log lines on standard output: text, or json (one object per line: time, level, logger, message, thread, exception)."),
            new Key(TENANT_DEFAULT_ZONE, "UTC", "Time zone of tenants not listed in telerisk.tenant.zones (day boundaries, night driving)."),
            new Key(TENANT_ZONES, "(none)", "Per-tenant zones: acme=Europe/Berlin,farmco=Africa/Nairobi."),
            new Key(MQTT_ENABLED, "true", "Run the built-in MQTT endpoint."),
            new Key(MQTT_HOST, "127.0.0.1", "Interface of the built-in MQTT endpoint: this host only by default; another "
                    + "interface (0.0.0.0) is explicit and needs TLS (tls-cert, tls-key: docs/operations.md) or telerisk.mqtt.allow-plaintext."),
            new Key(MQTT_ALLOW_PLAINTEXT, "false", "true: run the built-in MQTT endpoint without TLS on an interface other than loopback "
                    + "(device credentials and positions in clear). Without it, or TLS, a non-loopback telerisk.mqtt.host stops the hub at start."),
            new Key(MQTT_PORT, "1883", "Port of the built-in MQTT endpoint (0 = any free port)."),
            new Key(MQTT_TLS_CERT, "(none)", "PEM certificate chain: enables TLS on the built-in endpoint (with tls-key)."),
            new Key(MQTT_TLS_KEY, "(none)", "PEM private key for TLS."),
            new Key(MQTT_RECEIVE_MAXIMUM, "1000", "MQTT 5 receive maximum: unacknowledged QoS 1 messages per device connection to the built-in endpoint (the external-broker connection announces 65535 and is bounded by backpressure)."),
            new Key(MQTT_MAX_MESSAGE_BYTES, "262144", "Largest accepted payload; larger ones are dead-lettered as too_large."),
            new Key(MQTT_DEFAULT_CONTENT_TYPE, "application/json", "Codec for messages without an MQTT 5 content type."),
            new Key(MQTT_RATE_MESSAGES, "500", "PUBLISHes per second one device may sustain. Built-in endpoint: above it MQTT 5 Quota exceeded (0x97), counted in telerisk_mqtt_refused{reason=\"quota_exceeded\"}. $share path: divided among the live hubs of the group; above it acknowledged and counted as rejected rate_limited (one dead letter per device per second per hub)."),
            new Key(MQTT_RATE_MESSAGE_BURST, "5000", "PUBLISHes one device may send at once after a quiet spell."),
            new Key(MQTT_RATE_BYTES, "8388608", "Payload bytes per second one device may sustain (both paths, as messages-per-second)."),
            new Key(MQTT_RATE_BYTE_BURST, "67108864", "Payload bytes one device may send at once after a quiet spell."),
            new Key(MQTT_REFUSALS_BEFORE_DISCONNECT, "100", "Refused PUBLISHes in a row (rate) after which the device is disconnected with 0x96 Message rate too high."),
            new Key(MQTT_CONNECT_TIMEOUT, "10s", "A connection that has not sent its CONNECT within this time is closed (half-open connections)."),
            new Key(MQTT_MAX_PENDING_CONNECTS, "1000", "CONNECTs being authenticated at once; more are refused with 0x89 Server busy (connect floods)."),
            new Key(MQTT_MAX_KEEP_ALIVE, "5m", "Longest keep-alive a device may use; asking for none or more, it is told this one (MQTT 5 Server Keep Alive) and disconnected after 1.5 times it in silence."),
            new Key(BROKER_URI, "(none)", "External broker (tcp://host:1883 or ssl://host:8883): the hub also consumes a shared subscription there."),
            new Key(BROKER_GROUP, "telerisk-hub", "Shared-subscription group; every hub of one deployment uses the same."),
            new Key(BROKER_CLIENT_ID, "telerisk-hub-1", "MQTT client id at the external broker; unique per hub, stable across restarts."),
            new Key(BROKER_USERNAME, "(none)", "External broker user."),
            new Key(BROKER_PASSWORD, "(none)", "External broker password."),
            new Key(INGEST_BATCH_MAX_POINTS, "5000", "A store write is issued when a batch holds this many samples plus events…"),
            new Key(INGEST_BATCH_MAX_DELAY, "20ms", "…or when its first message has waited this long."),
            new Key(INGEST_MAX_IN_FLIGHT_BYTES, "67108864", "Unacknowledged payload bytes before the hub stops reading (backpressure)."),
            new Key(INGEST_STORE_TIMEOUT, "5s", "A store write slower than this counts as unavailable: the batch goes to the spool."),
            new Key(INGEST_SPOOL_MAX_BYTES, "1073741824", "Disk spool bound; when full the hub stops reading instead of dropping."),
            new Key(INGEST_REPLAY_RETRY, "1s", "Pause between spool replay attempts while the store is down."),
            new Key(INGEST_DEDUP_WINDOW, "1024", "Sequences remembered below each device's highest (duplicate detection)."),
            new Key(INGEST_DEDUP_MAX_DEVICES, "100000", "Devices whose dedup window is kept in memory."),
            new Key(INGEST_DEAD_LETTER_MAX_FILE_BYTES, "16777216", "Dead-letter file size at which it is rotated."),
            new Key(INGEST_DEAD_LETTER_MAX_FILES, "8", "Rotated dead-letter files kept."),
            new Key(STORAGE_BACKEND, "jdbc", "Telemetry store: jdbc (H2/PostgreSQL) or influxdb."),
            new Key(STORAGE_JDBC_URL, "(the system-of-record URL)", "JDBC URL of the telemetry store; by default telemetry shares the system-of-record database and pool."),
            new Key(STORAGE_JDBC_USER, "(the system-of-record user)", "Telemetry JDBC user."),
            new Key(STORAGE_JDBC_PASSWORD, "(the system-of-record password)", "Telemetry JDBC password."),
            new Key(STORAGE_INFLUX_URL, "(none)", "InfluxDB base URL, e.g. http://127.0.0.1:8086."),
            new Key(STORAGE_INFLUX_MODE, "v1", "v1 (InfluxDB 1.x API: database) or v2 (2.x/3.x API: org, bucket, token)."),
            new Key(STORAGE_INFLUX_DATABASE, "telerisk", "v1 database (created on first use)."),
            new Key(STORAGE_INFLUX_RP, "(database default)", "v1 retention policy."),
            new Key(STORAGE_INFLUX_ORG, "(none)", "v2 organisation."),
            new Key(STORAGE_INFLUX_BUCKET, "(none)", "v2 bucket."),
            new Key(STORAGE_INFLUX_TOKEN, "(none)", "v2 API token, or user:password in v1 mode."),
            new Key(STORAGE_BATCH_SIZE, "5000", "Points per write request / JDBC batch."),
            new Key(RETENTION_RAW, "30d", "How long raw samples and events are kept."),
            new Key(RETENTION_HOURLY, "366d", "How long hourly rollups are kept."),
            new Key(RETENTION_DAILY, "1830d", "How long daily rollups are kept."),
            new Key(RETENTION_INTERVAL, "1h", "How often the retention job (rollups, deletion) runs."),
            new Key(SUMMARY_INTERVAL, "30s", "How often dirty summary days are recomputed. Each recomputation rereads the whole day of every device that sent data, so dense telemetry (batches of many samples) makes this the hub's largest CPU cost: raise it for big fleets."),
            new Key(SUMMARY_SPEED_LIMIT, "130", "Speed limit (km/h) assumed everywhere for speeding distance."),
            new Key(SUMMARY_QUEUE, "100000", "Envelopes queued for the summariser before it falls back to reloading from the store."),
            new Key(STATUS_FLUSH_INTERVAL, "2s", "How often device online/offline status is written to the system of record."),
            new Key(CREDENTIAL_CACHE_TTL, "60s", "How long a hub caches a device credential; a rotation on another hub takes effect here within this time."),
            new Key(PRICING_SCORE_MODEL, "(bundled)", "SavedModel directory of the telematics risk score, for plans rating on telematicsScore "
                    + "(export one with bin/platform pricing score-train --out DIR). Unset: the model bundled with the pricing engine, "
                    + "trained on simulated drivers. Loaded on the first quote that needs it, not at start."),
            new Key(CLAIMS_CLASSIFIER, "model", "Crash classifier confirming device crash candidates: model (the TensorFlow crash model in "
                    + "<data-dir>/models/crash when it holds one, else the model shipped in claims-automation; loaded in the background at start) "
                    + "or physics (the hand-written physics rule, which misses a quarter of side impacts near 8.5-12 km/h)."),
            new Key(COMMANDS_OUTBOX_MAX_PENDING, "100", "Commands kept per device while it cannot be reached (the outbox in the system of "
                    + "record, docs/topology.md); one more drops the oldest, so a device offline for long gets the newest."),
            new Key(COMMANDS_OUTBOX_EXPIRY, "24h", "How long an undelivered command waits for its device in the outbox before it is dropped."));

    private ConfigKeys() {
    }
}
