-- API users (owned by io.telerisk.hub.auth). Provisioned by an operator; passwords as PBKDF2 strings.
CREATE TABLE api_user (
    username      VARCHAR(64)              NOT NULL PRIMARY KEY,
    tenant        VARCHAR(64)              NOT NULL,
    password_hash VARCHAR(256)             NOT NULL,
    roles         VARCHAR(128)             NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX api_user_tenant ON api_user (tenant);
