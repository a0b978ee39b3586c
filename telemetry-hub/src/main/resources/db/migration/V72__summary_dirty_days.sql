-- Device-days whose summaries must be recomputed from the telemetry store (io.telerisk.hub.summary.DirtyDays).
-- Every hub marks the days its stored envelopes touch (generation + 1, marked_at = database time); the hub elected
-- to summarise recomputes them from the store and removes a row only if no hub marked it since it read it and it
-- has been quiet for a while (see Summarizer).
CREATE TABLE summary_dirty_day (
    tenant      VARCHAR(64)              NOT NULL,
    device_type VARCHAR(16)              NOT NULL,
    device_id   VARCHAR(128)             NOT NULL,
    local_day   DATE                     NOT NULL,
    generation  BIGINT                   NOT NULL,
    marked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, device_type, device_id, local_day)
);
CREATE INDEX summary_dirty_day_marked ON summary_dirty_day (marked_at);
