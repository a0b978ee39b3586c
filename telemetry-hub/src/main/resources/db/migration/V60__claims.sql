-- Claims (owned by io.telerisk.hub.claims). Valid on H2 (MODE=PostgreSQL) and PostgreSQL 15.

-- Policies as claims needs them: which policy covers which device when, and its covers.
CREATE TABLE claims_policy (
    tenant      VARCHAR(64)              NOT NULL,
    policy_id   VARCHAR(64)              NOT NULL,
    holder      VARCHAR(128)             NOT NULL,
    device_type VARCHAR(16)              NOT NULL,
    device_id   VARCHAR(64)              NOT NULL,
    inception   TIMESTAMP WITH TIME ZONE NOT NULL,
    expiry      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, policy_id),
    CHECK (expiry > inception)
);
CREATE INDEX claims_policy_device ON claims_policy (tenant, device_type, device_id);

CREATE TABLE claims_coverage (
    tenant        VARCHAR(64)    NOT NULL,
    policy_id     VARCHAR(64)    NOT NULL,
    code          VARCHAR(32)    NOT NULL,
    limit_amount  NUMERIC(19, 2) NOT NULL,
    deductible    NUMERIC(19, 2) NOT NULL,
    currency      CHAR(3)        NOT NULL,
    PRIMARY KEY (tenant, policy_id, code),
    FOREIGN KEY (tenant, policy_id) REFERENCES claims_policy (tenant, policy_id) ON DELETE CASCADE
);

-- Claims: the searchable columns plus the whole immutable value (assessment, evidence) as JSON.
CREATE TABLE claims_claim (
    claim_id    VARCHAR(160)             NOT NULL PRIMARY KEY,
    tenant      VARCHAR(64)              NOT NULL,
    device_type VARCHAR(16),
    device_id   VARCHAR(64),
    policy_id   VARCHAR(64)              NOT NULL,
    source      VARCHAR(16)              NOT NULL,
    status      VARCHAR(32)              NOT NULL,
    priority    VARCHAR(4),
    opened_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    loss_time   TIMESTAMP WITH TIME ZONE NOT NULL,
    amount      NUMERIC(19, 2),
    document    TEXT                     NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX claims_claim_status ON claims_claim (status);
CREATE INDEX claims_claim_tenant_status ON claims_claim (tenant, status);
CREATE INDEX claims_claim_policy ON claims_claim (policy_id);

-- Append-only, SHA-256 hash-chained audit ledger. Instants and amounts are kept as the exact text that was
-- hashed, so reading an entry back reproduces its hash bit for bit.
CREATE TABLE claims_ledger (
    seq           BIGINT       NOT NULL PRIMARY KEY,
    claim_id      VARCHAR(160) NOT NULL,
    at_text       VARCHAR(40)  NOT NULL,
    from_state    VARCHAR(32),
    to_state      VARCHAR(32)  NOT NULL,
    actor         VARCHAR(64)  NOT NULL,
    reason_code   VARCHAR(64),
    amount_text   VARCHAR(40),
    detail        TEXT         NOT NULL,
    previous_hash CHAR(64)     NOT NULL,
    hash          CHAR(64)     NOT NULL
);
CREATE INDEX claims_ledger_claim ON claims_ledger (claim_id);

-- Every crash_candidate / crash_dismissed event seen, keyed by (device, sequence, index in envelope): redelivery
-- of the same envelope finds its row and is not processed again.
CREATE TABLE claims_crash_event (
    tenant      VARCHAR(64)              NOT NULL,
    device_type VARCHAR(16)              NOT NULL,
    device_id   VARCHAR(64)              NOT NULL,
    sequence    BIGINT                   NOT NULL,
    event_index INTEGER                  NOT NULL,
    event_type  VARCHAR(32)              NOT NULL,
    event_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    outcome     VARCHAR(32)              NOT NULL,
    detail      VARCHAR(1000)            NOT NULL,
    claim_id    VARCHAR(160),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, device_type, device_id, sequence, event_index)
);
