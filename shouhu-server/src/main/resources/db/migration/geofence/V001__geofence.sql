-- Zones, rules and per-device geofence state. Zones and rules are kept as the JSON documents the API speaks
-- (a GeoJSON Feature in WGS-84, a rule object), plus the columns the server looks them up by.

CREATE TABLE geofence_zones (
    id         text PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('home', 'school', 'danger', 'custom')),
    feature    jsonb       NOT NULL,  -- GeoJSON Feature, WGS-84, as written by ZoneGeoJson
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE geofence_rules (
    id         text PRIMARY KEY,
    zone_id    text,                  -- the zone a zone-bound rule watches; null for danger rules (any danger zone)
    rule       jsonb       NOT NULL,  -- one rule object, as written by RuleJson
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX geofence_rules_zone ON geofence_rules (zone_id);

-- What the engine remembers per device: last fix, standing per zone, deadlines decided. Written after the alerts the
-- state produced were committed, so a crash in between re-evaluates rather than forgets.
CREATE TABLE geofence_device_state (
    device_id  bigint PRIMARY KEY,
    state      jsonb       NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
