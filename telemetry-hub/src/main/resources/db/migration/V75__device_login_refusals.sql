-- Refused device logins (owned by io.telerisk.hub.registry.JdbcRefusedLogins): MQTT CONNECTs a hub's built-in endpoint
-- refused, one row per registered device (count, first and last time, last reason and remote address), shared by
-- every hub. Logins naming no registered device are folded into one row per tenant that has devices
-- (device_id '') or, when the username names no such tenant, one row for all (tenant '', device_id ''), so a flood of
-- made-up usernames cannot grow the table: it holds at most one row per device and per tenant, plus one.
CREATE TABLE device_login_refusal (
    tenant         VARCHAR(64)              NOT NULL,
    device_id      VARCHAR(64)              NOT NULL,
    device_type    VARCHAR(16),
    refused        BIGINT                   NOT NULL,
    first_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    last_reason    VARCHAR(32)              NOT NULL,
    last_remote    VARCHAR(64),
    last_username  VARCHAR(130),
    PRIMARY KEY (tenant, device_id)
);
CREATE INDEX device_login_refusal_tenant_last ON device_login_refusal (tenant, last_at);
