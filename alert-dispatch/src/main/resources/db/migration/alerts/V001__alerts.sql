-- Alerts, the presses and rule firings they absorbed, their audit trail, and the transactional outbox.

CREATE TABLE alerts (
    id                    uuid PRIMARY KEY,
    kind                  text        NOT NULL,
    device_id             bigint      NOT NULL,
    -- Zone alerts are kept apart per zone; SOS alerts use ''.
    scope_key             text        NOT NULL,
    state                 text        NOT NULL,
    child_id              text        NOT NULL,
    child_name            text        NOT NULL,
    rule_id               text,
    zone_id               text,
    zone_name             text,
    sos_sequence          bigint,
    occurred_at           timestamptz NOT NULL,
    raised_at             timestamptz NOT NULL,
    latitude              double precision,
    longitude             double precision,
    accuracy_m            integer,
    fix_time              timestamptz,
    last_known            boolean,
    position_age_ms       bigint,
    late                  boolean     NOT NULL,
    battery_percent       integer     NOT NULL,
    police_id             text,
    police_name           text,
    police_endpoint       text,
    outside_jurisdiction  boolean     NOT NULL,
    escalation_level      integer     NOT NULL DEFAULT 0,
    escalate_at           timestamptz,
    trigger_count         integer     NOT NULL DEFAULT 1,
    update_count          integer     NOT NULL DEFAULT 0,
    acknowledged_at       timestamptz,
    acknowledged_by       text,
    resolved_at           timestamptz,
    resolved_by           text,
    CONSTRAINT alerts_state_known CHECK (state IN ('RAISED', 'DELIVERED', 'ESCALATED', 'ACKNOWLEDGED', 'RESOLVED', 'EXPIRED'))
);

-- One open alert per device, kind and zone: a storm of presses or a flapping zone updates it instead of adding more.
CREATE UNIQUE INDEX alerts_one_open ON alerts (device_id, kind, scope_key) WHERE state NOT IN ('RESOLVED', 'EXPIRED');
CREATE INDEX alerts_escalation_due ON alerts (escalate_at) WHERE escalate_at IS NOT NULL;
CREATE INDEX alerts_open_by_time ON alerts (raised_at) WHERE state NOT IN ('RESOLVED', 'EXPIRED');

-- Every press (sos:<sequence>) or rule firing that reached an alert; the key makes raising idempotent.
CREATE TABLE alert_triggers (
    device_id    bigint      NOT NULL,
    trigger_key  text        NOT NULL,
    alert_id     uuid        NOT NULL REFERENCES alerts (id),
    received_at  timestamptz NOT NULL,
    PRIMARY KEY (device_id, trigger_key)
);

CREATE TABLE alert_events (
    id         bigserial PRIMARY KEY,
    alert_id   uuid        NOT NULL REFERENCES alerts (id),
    at         timestamptz NOT NULL,
    type       text        NOT NULL,
    actor      text        NOT NULL,
    recipient  text        NOT NULL,
    detail     text        NOT NULL
);
CREATE INDEX alert_events_by_alert ON alert_events (alert_id, id);

-- The outbox. Status: HELD (waits for an escalation level), STANDBY (waits for the recipient's previous channel to
-- fail), PENDING (to deliver), DELIVERED, FAILED (permanently, this channel), CANCELLED (no longer needed).
CREATE TABLE alert_outbox (
    id               bigserial PRIMARY KEY,
    alert_id         uuid        NOT NULL REFERENCES alerts (id),
    recipient_key    text        NOT NULL,
    recipient_name   text        NOT NULL,
    message_kind     text        NOT NULL,
    message_number   integer     NOT NULL,
    channel_kind     text        NOT NULL,
    channel_rank     integer     NOT NULL,
    address          text        NOT NULL,
    idempotency_key  text        NOT NULL,
    language         text        NOT NULL,
    content_type     text        NOT NULL,
    body             text        NOT NULL,
    escalation_level integer     NOT NULL,
    priority         integer     NOT NULL,
    status           text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_owner      text,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    delivered_at     timestamptz,
    fix_time         timestamptz,
    CONSTRAINT alert_outbox_status_known CHECK (status IN ('HELD', 'STANDBY', 'PENDING', 'DELIVERED', 'FAILED', 'CANCELLED'))
);
CREATE UNIQUE INDEX alert_outbox_one_row_per_channel ON alert_outbox (idempotency_key, channel_rank);
CREATE INDEX alert_outbox_due ON alert_outbox (priority, next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX alert_outbox_by_alert ON alert_outbox (alert_id, recipient_key, message_kind, message_number, channel_rank);
