-- Summaries in the system of record (store engineer): what pricing, credit and claims read.
-- local_day is the calendar day in the tenant's zone. Durations in seconds, distances in km.
CREATE TABLE daily_usage (
    tenant               VARCHAR(64)  NOT NULL,
    device_id            VARCHAR(128) NOT NULL,
    local_day            DATE         NOT NULL,
    distance_km          DOUBLE PRECISION NOT NULL,
    night_distance_km    DOUBLE PRECISION NOT NULL,
    speeding_distance_km DOUBLE PRECISION NOT NULL,
    urban_distance_km    DOUBLE PRECISION NOT NULL,
    driving_time_s       BIGINT       NOT NULL,
    trips                INTEGER      NOT NULL,
    harsh_brakes         INTEGER      NOT NULL,
    harsh_accelerations  INTEGER      NOT NULL,
    harsh_corners        INTEGER      NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_daily_usage PRIMARY KEY (tenant, device_id, local_day)
);

-- A trip belongs to the local day it started on (local_day), which is what a day's recomputation replaces.
CREATE TABLE trip (
    tenant               VARCHAR(64)  NOT NULL,
    device_id            VARCHAR(128) NOT NULL,
    start_time           TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time             TIMESTAMP WITH TIME ZONE NOT NULL,
    local_day            DATE         NOT NULL,
    distance_km          DOUBLE PRECISION NOT NULL,
    night_distance_km    DOUBLE PRECISION NOT NULL,
    speeding_distance_km DOUBLE PRECISION NOT NULL,
    max_speed_mps        DOUBLE PRECISION NOT NULL,
    harsh_brakes         INTEGER      NOT NULL,
    harsh_accelerations  INTEGER      NOT NULL,
    harsh_corners        INTEGER      NOT NULL,
    CONSTRAINT pk_trip PRIMARY KEY (tenant, device_id, start_time)
);
CREATE INDEX ix_trip_day ON trip (tenant, device_id, local_day);

CREATE TABLE wearable_day (
    tenant                 VARCHAR(64)  NOT NULL,
    device_id              VARCHAR(128) NOT NULL,
    local_day              DATE         NOT NULL,
    steps                  INTEGER      NOT NULL,
    active_minutes         INTEGER      NOT NULL,
    resting_heart_rate_bpm DOUBLE PRECISION,
    sleep_minutes          INTEGER      NOT NULL,
    mean_spo2_percent      DOUBLE PRECISION,
    worn_minutes           INTEGER      NOT NULL,
    updated_at             TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_wearable_day PRIMARY KEY (tenant, device_id, local_day)
);

CREATE TABLE farm_day (
    tenant                         VARCHAR(64)  NOT NULL,
    device_id                      VARCHAR(128) NOT NULL,
    local_day                      DATE         NOT NULL,
    mean_soil_moisture_vwc         DOUBLE PRECISION,
    min_soil_moisture_vwc          DOUBLE PRECISION,
    mean_soil_temperature_c        DOUBLE PRECISION,
    min_air_temperature_c          DOUBLE PRECISION,
    max_air_temperature_c          DOUBLE PRECISION,
    mean_relative_humidity_percent DOUBLE PRECISION,
    rainfall_mm                    DOUBLE PRECISION NOT NULL,
    leaf_wet_hours                 DOUBLE PRECISION NOT NULL,
    samples                        INTEGER      NOT NULL,
    updated_at                     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_farm_day PRIMARY KEY (tenant, device_id, local_day)
);
