/**
 * Machinery of the ingest service: the MQTT source with manual acknowledgement, payload classification, the
 * batch writer with its COPY staging path, the SOS fast path and the metrics. Not a public API.
 */
package org.shouhu.ingest.internal;
