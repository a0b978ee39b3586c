-- Device status shared by every hub (io.telerisk.hub.registry.DeviceStatusTracker): the row remembers which
-- connection (session) it describes, so that an offline from a connection that is no longer the device's current
-- one (the last will or disconnect an old hub notices late, after the device reconnected to another hub) is ignored.
-- session_id: the built-in endpoint's connection ('<hub run>-<n>'), or 'broker' for status messages relayed by an
-- external broker; session_started: when that session began (the hub's accept time, or the device's own 't').
ALTER TABLE device_status ADD COLUMN session_id VARCHAR(64);
ALTER TABLE device_status ADD COLUMN session_started TIMESTAMP WITH TIME ZONE;
