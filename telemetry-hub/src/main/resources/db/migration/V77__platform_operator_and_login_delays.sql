-- Issue #12. The platform operator's role name (platform_operator, 17 characters) must fit the location access log.
ALTER TABLE location_access_log ALTER COLUMN role SET DATA TYPE VARCHAR(32);

-- Failed API logins per client address ("source:<address>") and per username ("user:<name>"), shared by every hub:
-- each failure beyond a free allowance makes the next attempt of that key wait twice as long (a delay, never a
-- lock-out). Only well-formed keys are written; the hubs delete rows idle for longer than the window and keep the
-- table below a fixed number of rows. Replaces login_failure (a per-username lock-out that anyone could trigger).
CREATE TABLE login_throttle (
    throttle_key VARCHAR(80)              NOT NULL PRIMARY KEY,
    failures     INTEGER                  NOT NULL,
    last_failure TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_throttle_last ON login_throttle (last_failure);

DROP TABLE login_failure;
