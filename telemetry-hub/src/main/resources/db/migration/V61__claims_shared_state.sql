-- Claims shared by several hubs on one database (issue #11). Valid on H2 (MODE=PostgreSQL) and PostgreSQL 15.

-- Optimistic concurrency: every change of a claim bumps its version; a change based on an older version writes nothing.
ALTER TABLE claims_claim ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE claims_claim ADD COLUMN linked_claim_id VARCHAR(160);
CREATE INDEX claims_claim_tenant_opened ON claims_claim (tenant, opened_at);
CREATE INDEX claims_claim_tenant_device ON claims_claim (tenant, device_type, device_id);

-- The ledger's head, one row: appenders lock it (SELECT ... FOR UPDATE) in the transaction that writes the claim and
-- its entry, so every hub continues the same chain, and verification compares the chain's end with it.
CREATE TABLE claims_ledger_head (
    id   INTEGER  NOT NULL PRIMARY KEY,
    seq  BIGINT   NOT NULL,
    hash CHAR(64) NOT NULL,
    CHECK (id = 1)
);
INSERT INTO claims_ledger_head (id, seq, hash) VALUES (1, -1, '0000000000000000000000000000000000000000000000000000000000000000');
UPDATE claims_ledger_head SET
    seq = (SELECT MAX(seq) FROM claims_ledger),
    hash = (SELECT l.hash FROM claims_ledger l WHERE l.seq = (SELECT MAX(seq) FROM claims_ledger))
WHERE EXISTS (SELECT 1 FROM claims_ledger);

-- Files sent in answer to a request for information; the ledger entry of the submission carries the SHA-256.
CREATE TABLE claims_attachment (
    attachment_id VARCHAR(64)              NOT NULL PRIMARY KEY,
    claim_id      VARCHAR(160)             NOT NULL,
    tenant        VARCHAR(64)              NOT NULL,
    filename      VARCHAR(200)             NOT NULL,
    content_type  VARCHAR(100)             NOT NULL,
    size_bytes    INTEGER                  NOT NULL,
    sha256        CHAR(64)                 NOT NULL,
    content       BYTEA                    NOT NULL,
    submitted_by  VARCHAR(128)             NOT NULL,
    submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX claims_attachment_claim ON claims_attachment (claim_id);
CREATE INDEX claims_crash_event_tenant_time ON claims_crash_event (tenant, received_at);
