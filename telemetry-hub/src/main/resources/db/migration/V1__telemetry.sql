-- Raw telemetry of the JDBC store (store engineer, V1..V19). Runs on H2 (MODE=PostgreSQL) and PostgreSQL 15.
-- Times are epoch nanoseconds (BIGINT): exact round trip of Instant, and bucketing by integer division works
-- the same on both databases. One row per sample; a sample's identity is (tenant, device_id, time_ns), so
-- INSERT ... ON CONFLICT DO NOTHING makes re-delivered envelopes store each sample once.

CREATE TABLE vehicle_sample (
    tenant        VARCHAR(64)  NOT NULL,
    device_type   VARCHAR(16)  NOT NULL,
    device_id     VARCHAR(128) NOT NULL,
    time_ns       BIGINT       NOT NULL,
    seq           BIGINT       NOT NULL,
    latitude_deg  DOUBLE PRECISION,
    longitude_deg DOUBLE PRECISION,
    altitude_m    DOUBLE PRECISION,
    hdop          DOUBLE PRECISION,
    satellites    INTEGER,
    speed_mps     DOUBLE PRECISION,
    heading_deg   DOUBLE PRECISION,
    accel_x_mps2  DOUBLE PRECISION,
    accel_y_mps2  DOUBLE PRECISION,
    accel_z_mps2  DOUBLE PRECISION,
    odometer_km   DOUBLE PRECISION,
    ignition_on   BOOLEAN,
    CONSTRAINT pk_vehicle_sample PRIMARY KEY (tenant, device_id, time_ns)
);
CREATE INDEX ix_vehicle_sample_tenant_time ON vehicle_sample (tenant, time_ns);

CREATE TABLE wearable_sample (
    tenant         VARCHAR(64)  NOT NULL,
    device_type    VARCHAR(16)  NOT NULL,
    device_id      VARCHAR(128) NOT NULL,
    time_ns        BIGINT       NOT NULL,
    seq            BIGINT       NOT NULL,
    heart_rate_bpm INTEGER,
    steps          INTEGER,
    sleep_stage    VARCHAR(8),
    spo2_percent   DOUBLE PRECISION,
    CONSTRAINT pk_wearable_sample PRIMARY KEY (tenant, device_id, time_ns)
);
CREATE INDEX ix_wearable_sample_tenant_time ON wearable_sample (tenant, time_ns);

CREATE TABLE farm_sample (
    tenant                    VARCHAR(64)  NOT NULL,
    device_type               VARCHAR(16)  NOT NULL,
    device_id                 VARCHAR(128) NOT NULL,
    time_ns                   BIGINT       NOT NULL,
    seq                       BIGINT       NOT NULL,
    soil_moisture_vwc         DOUBLE PRECISION,
    soil_temperature_c        DOUBLE PRECISION,
    air_temperature_c         DOUBLE PRECISION,
    relative_humidity_percent DOUBLE PRECISION,
    rainfall_mm               DOUBLE PRECISION,
    leaf_wetness_percent      DOUBLE PRECISION,
    CONSTRAINT pk_farm_sample PRIMARY KEY (tenant, device_id, time_ns)
);
CREATE INDEX ix_farm_sample_tenant_time ON farm_sample (tenant, time_ns);

-- An event's identity is (tenant, device_id, time_ns, event_type): two kinds of event may share an instant.
CREATE TABLE device_event (
    tenant        VARCHAR(64)  NOT NULL,
    device_type   VARCHAR(16)  NOT NULL,
    device_id     VARCHAR(128) NOT NULL,
    time_ns       BIGINT       NOT NULL,
    event_type    VARCHAR(64)  NOT NULL,
    seq           BIGINT       NOT NULL,
    measures_json VARCHAR      NOT NULL,
    labels_json   VARCHAR      NOT NULL,
    window_json   VARCHAR      NOT NULL,
    CONSTRAINT pk_device_event PRIMARY KEY (tenant, device_id, time_ns, event_type)
);
CREATE INDEX ix_device_event_tenant_time ON device_event (tenant, time_ns);
