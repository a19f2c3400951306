-- Tables that are small or must be kept indefinitely: they are ordinary tables on both flavours.

-- Payloads that could not be accepted, kept byte for byte so that they can be inspected and replayed.
CREATE TABLE dead_letters (
    id          bigserial   PRIMARY KEY,
    received_at timestamptz NOT NULL,
    topic       text        NOT NULL,
    payload     bytea       NOT NULL,
    reason      text        NOT NULL,   -- ProtocolException.Reason name, or STORAGE_REJECTED
    detail      text        NOT NULL,
    byte_offset integer                 -- where decoding stopped; NULL when not applicable
);
CREATE INDEX dead_letters_received_at ON dead_letters (received_at);
CREATE INDEX dead_letters_reason ON dead_letters (reason, received_at);

-- One row per wristband: its newest position (by fix time, not arrival) and its newest status.
-- The SOS fast path reads it to find the last known position of a band that pressed SOS without a fix.
CREATE TABLE device_latest (
    device_id        bigint      PRIMARY KEY,
    fix_time         timestamptz,
    fix_seq          bigint,
    lat              double precision,
    lon              double precision,
    accuracy_m       integer,
    source           smallint,
    fix_received_at  timestamptz,
    status_time      timestamptz,
    status_seq       bigint,
    battery          smallint,
    worn             boolean,
    charging         boolean,
    updated_at       timestamptz NOT NULL
);

-- Status history. Low volume (one report every few minutes per band); trimmed by telemetry_maintain_partitions.
CREATE TABLE device_status (
    device_id    bigint      NOT NULL,
    seq          bigint      NOT NULL,
    status_time  timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    battery      smallint    NOT NULL,
    worn         boolean     NOT NULL,
    charging     boolean     NOT NULL,
    PRIMARY KEY (device_id, seq, status_time)
);
CREATE INDEX device_status_device_time ON device_status (device_id, status_time DESC);

-- Every SOS press, stored once per (device, sequence). Never trimmed: each row is the record of a child asking
-- for help. A frame too damaged to decode gets a negative synthetic sequence derived from its bytes.
CREATE TABLE sos_presses (
    id                   bigserial   PRIMARY KEY,
    device_id            bigint      NOT NULL,
    seq                  bigint      NOT NULL,
    pressed_at           timestamptz NOT NULL,
    received_at          timestamptz NOT NULL,
    reported_fix_time    timestamptz,
    reported_lat         double precision,
    reported_lon         double precision,
    reported_accuracy_m  integer,
    reported_source      smallint    NOT NULL,
    position_lat         double precision,
    position_lon         double precision,
    position_accuracy_m  integer,
    position_fix_time    timestamptz,
    position_source      smallint,
    position_last_known  boolean,
    position_age_ms      bigint,
    press_age_ms         bigint      NOT NULL,
    late                 boolean     NOT NULL,
    battery              smallint,
    corrupt_frame        boolean     NOT NULL,
    dead_letter_id       bigint      REFERENCES dead_letters (id),
    UNIQUE (device_id, seq)
);
CREATE INDEX sos_presses_received_at ON sos_presses (received_at);
