-- Device registry (owned by io.telerisk.hub.registry).
-- A device id is unique within its tenant (MQTT usernames are tenant/deviceId), whatever its type.
CREATE TABLE registered_device (
    tenant        VARCHAR(64)              NOT NULL,
    device_id     VARCHAR(64)              NOT NULL,
    device_type   VARCHAR(16)              NOT NULL,
    display_name  VARCHAR(200),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, device_id)
);

-- One live credential per device; only a salted SHA-256 of the token is kept, never the token.
CREATE TABLE device_credential (
    tenant     VARCHAR(64)              NOT NULL,
    device_id  VARCHAR(64)              NOT NULL,
    salt       VARCHAR(64)              NOT NULL,
    token_hash VARCHAR(128)             NOT NULL,
    issued_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES registered_device (tenant, device_id) ON DELETE CASCADE
);

-- Last known connection state, fed by the ingest status channel through DeviceStatusTracker.
CREATE TABLE device_status (
    tenant     VARCHAR(64)              NOT NULL,
    device_id  VARCHAR(64)              NOT NULL,
    online     BOOLEAN                  NOT NULL,
    last_seen  TIMESTAMP WITH TIME ZONE,
    changed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, device_id),
    FOREIGN KEY (tenant, device_id) REFERENCES registered_device (tenant, device_id) ON DELETE CASCADE
);
