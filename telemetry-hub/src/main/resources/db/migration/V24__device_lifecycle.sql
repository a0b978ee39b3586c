-- Device lifecycle (owned by io.telerisk.hub.registry): an operator disables a device (its credential stops working,
-- its session is ended; it may be enabled again) or decommissions it (for good: never enabled again, its data kept).
ALTER TABLE registered_device ADD COLUMN state VARCHAR(16) DEFAULT 'active' NOT NULL;
ALTER TABLE registered_device ADD COLUMN state_changed_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX registered_device_tenant_state ON registered_device (tenant, state);
