/**
 * Telemetry ingest: subscribes to wristband uplink topics over MQTT, decodes and validates every payload, writes
 * positions and statuses to PostgreSQL in batches, takes SOS presses on a fast path of their own, and acknowledges
 * each message to the broker only after what it carried is committed.
 *
 * <p>Entry points: {@link org.shouhu.ingest.IngestVerticle} (the service), {@link org.shouhu.ingest.IngestConfig}
 * (its settings), {@link org.shouhu.ingest.SosHandler} and {@link org.shouhu.ingest.TelemetryListener} (what the
 * server plugs in), {@link org.shouhu.ingest.IngestSchema} (migrations and partition maintenance) and
 * {@link org.shouhu.ingest.PositionQueries} (reads). See {@code docs/ingest.md}.
 */
package org.shouhu.ingest;
