-- Positions on TimescaleDB: a hypertable with daily chunks, compressed per device after 7 days and dropped after
-- the retention period. Same columns and names as the plain PostgreSQL variant, so every query is the same.
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
);
SELECT create_hypertable('positions', 'fix_time', chunk_time_interval => INTERVAL '1 day');
CREATE INDEX positions_device_time ON positions (device_id, fix_time DESC);

ALTER TABLE positions SET (
    timescaledb.compress,
    timescaledb.compress_segmentby = 'device_id',
    timescaledb.compress_orderby = 'fix_time DESC, seq'
);
SELECT add_compression_policy('positions', INTERVAL '7 days');
SELECT add_retention_policy('positions', INTERVAL '180 days');

-- Called periodically by the server with the configured retention. Chunks are created and compressed by
-- TimescaleDB itself; this keeps the retention policy equal to the configuration and trims the status history.
CREATE FUNCTION telemetry_maintain_partitions(p_now timestamptz, p_days_ahead integer, p_retention interval)
    RETURNS TABLE (action text, partition_name text)
    LANGUAGE plpgsql AS $$
BEGIN
    PERFORM remove_retention_policy('positions', if_exists => true);
    PERFORM add_retention_policy('positions', p_retention);
    DELETE FROM device_status WHERE status_time < p_now - p_retention;
    RETURN;
END;
$$;
