-- Parametric covers evaluated by the hub (io.telerisk.hub.claims.ParametricCovers). Valid on H2 (MODE=PostgreSQL)
-- and PostgreSQL 15. One row per policy and evaluated day: the hub whose insert succeeds evaluates it, so several hubs
-- on one database evaluate each policy once a day.
CREATE TABLE claims_parametric_run (
    tenant    VARCHAR(64)              NOT NULL,
    policy_id VARCHAR(64)              NOT NULL,
    last_day  DATE                     NOT NULL,
    run_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant, policy_id, last_day)
);
