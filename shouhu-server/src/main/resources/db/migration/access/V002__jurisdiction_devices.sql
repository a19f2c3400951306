-- Runs after the directory migration: assignments name directory jurisdictions.
-- Wristbands assigned to a police jurisdiction (typically the one where the child lives): its dispatchers see the
-- band and its alerts wherever it is, not only while it is inside their boundary.
CREATE TABLE jurisdiction_devices (
    jurisdiction_id text        NOT NULL REFERENCES jurisdictions (id) ON DELETE CASCADE,
    device_id       bigint      NOT NULL,
    assigned_at     timestamptz NOT NULL DEFAULT now(),
    assigned_by     text        NOT NULL,
    PRIMARY KEY (device_id, jurisdiction_id)
);
CREATE INDEX jurisdiction_devices_by_jurisdiction ON jurisdiction_devices (jurisdiction_id);
