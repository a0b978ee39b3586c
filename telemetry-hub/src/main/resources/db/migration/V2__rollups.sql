-- Hourly and daily rollups computed by the hub's retention job (store engineer). One row per device, field and
-- bucket; mean = sum_value / n. Buckets are epoch-aligned (UTC hours and days), bucket_ns in epoch nanoseconds.
CREATE TABLE sample_rollup (
    tenant      VARCHAR(64)  NOT NULL,
    device_type VARCHAR(16)  NOT NULL,
    device_id   VARCHAR(128) NOT NULL,
    resolution  VARCHAR(4)   NOT NULL,
    field       VARCHAR(64)  NOT NULL,
    bucket_ns   BIGINT       NOT NULL,
    n           BIGINT       NOT NULL,
    sum_value   DOUBLE PRECISION NOT NULL,
    min_value   DOUBLE PRECISION NOT NULL,
    max_value   DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_sample_rollup PRIMARY KEY (tenant, device_id, resolution, field, bucket_ns)
);
CREATE INDEX ix_sample_rollup_tenant_bucket ON sample_rollup (tenant, resolution, bucket_ns);
