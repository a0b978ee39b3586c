-- Crop credit (io.telerisk.hub.agri): registered fields, loan decisions (one per application), and the NDVI
-- series per field when the telemetry store is not InfluxDB. Every row belongs to a tenant; money as NUMERIC,
-- times as UTC timestamps, boundaries as GeoJSON text with their WGS 84 bounding box for overlap look-ups.
CREATE TABLE agri_field (
    tenant        VARCHAR(64)  NOT NULL,
    field_id      VARCHAR(128) NOT NULL,
    farmer_id     VARCHAR(128) NOT NULL,
    device_id     VARCHAR(128),
    crop          VARCHAR(32)  NOT NULL,
    sowing_date   DATE         NOT NULL,
    harvest_date  DATE         NOT NULL,
    region        VARCHAR(128) NOT NULL,
    soil          VARCHAR(32)  NOT NULL,
    boundary      TEXT         NOT NULL,
    utm_epsg      INTEGER      NOT NULL,
    area_ha       DOUBLE PRECISION NOT NULL,
    min_lon       DOUBLE PRECISION NOT NULL,
    min_lat       DOUBLE PRECISION NOT NULL,
    max_lon       DOUBLE PRECISION NOT NULL,
    max_lat       DOUBLE PRECISION NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_agri_field PRIMARY KEY (tenant, field_id)
);
CREATE INDEX ix_agri_field_device ON agri_field (tenant, device_id);
CREATE INDEX ix_agri_field_peers ON agri_field (tenant, crop, region);

CREATE TABLE agri_loan_decision (
    tenant           VARCHAR(64)   NOT NULL,
    application_id   VARCHAR(200)  NOT NULL,
    device_id        VARCHAR(128),
    field_id         VARCHAR(128),
    outcome          VARCHAR(16)   NOT NULL,
    reason_code      VARCHAR(64)   NOT NULL,
    amount_requested NUMERIC(14,2) NOT NULL,
    approved_amount  NUMERIC(14,2) NOT NULL,
    currency         VARCHAR(3)    NOT NULL,
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    document         TEXT          NOT NULL,
    CONSTRAINT pk_agri_loan_decision PRIMARY KEY (tenant, application_id)
);
CREATE INDEX ix_agri_loan_field ON agri_loan_decision (tenant, field_id, outcome);

CREATE TABLE agri_ndvi (
    tenant              VARCHAR(64)  NOT NULL,
    field_id            VARCHAR(128) NOT NULL,
    scene_id            VARCHAR(200) NOT NULL,
    acquired            TIMESTAMP WITH TIME ZONE NOT NULL,
    status              VARCHAR(32)  NOT NULL,
    detail              VARCHAR(1000),
    pixels_in_field     BIGINT       NOT NULL,
    valid_pixels        BIGINT       NOT NULL,
    ndvi_mean           DOUBLE PRECISION,
    ndvi_median         DOUBLE PRECISION,
    ndvi_std            DOUBLE PRECISION,
    ndvi_min            DOUBLE PRECISION,
    ndvi_max            DOUBLE PRECISION,
    cloud_free_fraction DOUBLE PRECISION,
    CONSTRAINT pk_agri_ndvi PRIMARY KEY (tenant, field_id, scene_id)
);
CREATE INDEX ix_agri_ndvi_series ON agri_ndvi (tenant, field_id, acquired);
