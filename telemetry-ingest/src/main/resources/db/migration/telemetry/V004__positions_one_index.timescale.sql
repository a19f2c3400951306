-- On TimescaleDB positions keeps its two indexes, the unique key (device_id, seq, fix_time) and (device_id, fix_time
-- DESC): the unique constraint of a hypertable with compressed chunks cannot be replaced in place. The plain
-- PostgreSQL flavour replaces both with one unique index on (device_id, fix_time, seq).
SELECT 1;
