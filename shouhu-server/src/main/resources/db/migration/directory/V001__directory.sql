-- Who the platform serves: police jurisdictions, guardians, children and their wristbands.

CREATE TABLE jurisdictions (
    id           text PRIMARY KEY,
    name         text        NOT NULL,
    boundary     text        NOT NULL,  -- GeoJSON geometry (Polygon or MultiPolygon), WGS-84
    cap_endpoint text        NOT NULL,  -- where this jurisdiction's police receive CAP 1.2 alerts
    updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE guardians (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    language   text        NOT NULL CHECK (language IN ('zh-CN', 'en')),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A guardian's channels, most preferred first.
CREATE TABLE guardian_channels (
    guardian_id text     NOT NULL REFERENCES guardians (id) ON DELETE CASCADE,
    priority    smallint NOT NULL,
    kind        text     NOT NULL CHECK (kind IN ('webhook', 'sms')),
    address     text     NOT NULL,
    PRIMARY KEY (guardian_id, priority)
);

CREATE TABLE children (
    id         text PRIMARY KEY,
    name       text        NOT NULL,
    device_id  bigint      NOT NULL UNIQUE,
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- A child's guardians in the order they are to be called.
CREATE TABLE child_guardians (
    child_id    text     NOT NULL REFERENCES children (id) ON DELETE CASCADE,
    guardian_id text     NOT NULL REFERENCES guardians (id) ON DELETE CASCADE,
    priority    smallint NOT NULL,
    PRIMARY KEY (child_id, guardian_id)
);
