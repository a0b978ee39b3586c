-- The device token hashed for Mosquitto's password file ($7$, PBKDF2-SHA512), kept beside the registry's own salted
-- SHA-256 when a credential is issued, so bin/platform broker-files can generate the broker's files from the registry
-- (the token itself is never stored). NULL for credentials issued before: rotate them to include them.
ALTER TABLE device_credential ADD COLUMN broker_hash VARCHAR(256);
