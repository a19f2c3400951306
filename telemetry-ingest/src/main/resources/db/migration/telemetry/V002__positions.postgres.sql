-- Positions on plain PostgreSQL: natively range-partitioned by fix time, one partition per UTC day, plus a default
-- partition that catches fixes outside the created days (very late uploads). Same columns and names as the
-- TimescaleDB variant, so every query is the same.
CREATE TABLE positions (
    device_id    bigint           NOT NULL,
    seq          bigint           NOT NULL,
    fix_time     timestamptz      NOT NULL,
    received_at  timestamptz      NOT NULL,
    lat          double precision NOT NULL,
    lon          double precision NOT NULL,
    accuracy_m   integer          NOT NULL,
    source       smallint         NOT NULL,
    speed_mps    real             NOT NULL,
    heading_deg  real             NOT NULL,
    battery      smallint         NOT NULL,
    late         boolean          NOT NULL,
    CONSTRAINT positions_device_seq_time UNIQUE (device_id, seq, fix_time)
) PARTITION BY RANGE (fix_time);
CREATE INDEX positions_device_time ON positions (device_id, fix_time DESC);
CREATE TABLE positions_default PARTITION OF positions DEFAULT;

-- Creates the daily partitions from yesterday to p_days_ahead days ahead and drops those entirely older than
-- p_retention; trims the default partition and the status history to the same retention. Idempotent; the server
-- calls it periodically (hourly is plenty). Rows already in the default partition for a day being created are
-- moved into the new partition, so a late upload never blocks partition creation.
CREATE FUNCTION telemetry_maintain_partitions(p_now timestamptz, p_days_ahead integer, p_retention interval)
    RETURNS TABLE (action text, partition_name text)
    LANGUAGE plpgsql AS $$
DECLARE
    today   date := (p_now AT TIME ZONE 'UTC')::date;
    cutoff  timestamptz := p_now - p_retention;
    day     date;
    name    text;
    lower_b timestamptz;
    upper_b timestamptz;
    part    record;
BEGIN
    FOR offset_days IN -1 .. p_days_ahead LOOP
        day := today + offset_days;
        name := 'positions_p' || to_char(day, 'YYYYMMDD');
        lower_b := day::timestamp AT TIME ZONE 'UTC';
        upper_b := (day + 1)::timestamp AT TIME ZONE 'UTC';
        CONTINUE WHEN upper_b <= cutoff OR to_regclass(name) IS NOT NULL;
        IF EXISTS (SELECT 1 FROM positions_default WHERE fix_time >= lower_b AND fix_time < upper_b) THEN
            EXECUTE format('CREATE TABLE %I (LIKE positions INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', name);
            EXECUTE format('INSERT INTO %I SELECT * FROM positions_default WHERE fix_time >= $1 AND fix_time < $2', name)
                USING lower_b, upper_b;
            DELETE FROM positions_default WHERE fix_time >= lower_b AND fix_time < upper_b;
            EXECUTE format('ALTER TABLE positions ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', name, lower_b, upper_b);
        ELSE
            EXECUTE format('CREATE TABLE %I PARTITION OF positions FOR VALUES FROM (%L) TO (%L)', name, lower_b, upper_b);
        END IF;
        action := 'created';
        partition_name := name;
        RETURN NEXT;
    END LOOP;

    FOR part IN
        SELECT c.relname
        FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'positions'::regclass AND c.relname ~ '^positions_p[0-9]{8}$'
        ORDER BY c.relname
    LOOP
        upper_b := (to_date(substring(part.relname FROM 12), 'YYYYMMDD') + 1)::timestamp AT TIME ZONE 'UTC';
        IF upper_b <= cutoff THEN
            EXECUTE format('DROP TABLE %I', part.relname);
            action := 'dropped';
            partition_name := part.relname;
            RETURN NEXT;
        END IF;
    END LOOP;

    DELETE FROM positions_default WHERE fix_time < cutoff;
    DELETE FROM device_status WHERE status_time < cutoff;
    RETURN;
END;
$$;

SELECT count(*) FROM telemetry_maintain_partitions(now(), 3, INTERVAL '180 days');
