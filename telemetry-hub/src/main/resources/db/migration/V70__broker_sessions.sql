-- The hubs of a shared-subscription group, by broker client id (see io.telerisk.hub.mqtt.BrokerSessions).
-- A row says "this client id may have a session at the broker": a hub adds its own at start and removes it once its
-- session is drained and ended; a hub that takes over a departed member's session removes that member's row.
-- Liveness is not stored here: it is the PostgreSQL advisory lock each running hub holds on its client id.
CREATE TABLE broker_session (
    client_id     VARCHAR(128) PRIMARY KEY,
    shared_group  VARCHAR(64)  NOT NULL,
    broker        VARCHAR(300) NOT NULL,
    registered_at TIMESTAMP    NOT NULL
);
