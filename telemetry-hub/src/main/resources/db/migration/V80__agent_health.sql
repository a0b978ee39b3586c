-- The latest health report of each device's edge agent (owned by io.telerisk.hub.registry.JdbcAgentHealth), shared by
-- every hub: the agent_health event's figures (queue depth, drops, reconnects) with the device's report time and the
-- hub's receive time. One row per device; an older report (redelivered, or from a slower hub) never replaces a newer.
CREATE TABLE agent_health (
    tenant            VARCHAR(64)              NOT NULL,
    device_type       VARCHAR(16)              NOT NULL,
    device_id         VARCHAR(64)              NOT NULL,
    reported_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    queue_depth       BIGINT,
    queue_events      BIGINT,
    queue_disk_bytes  BIGINT,
    dropped_raw       BIGINT,
    dropped_summaries BIGINT,
    dropped_events    BIGINT,
    corrupt_records   BIGINT,
    events_refused    BIGINT,
    reconnects        BIGINT,
    connect_failures  BIGINT,
    publish_failures  BIGINT,
    connected         BOOLEAN,
    last_error        VARCHAR(200),
    PRIMARY KEY (tenant, device_type, device_id)
);
