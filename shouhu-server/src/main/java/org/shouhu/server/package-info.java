/** The runnable Shouhu server: wires ingest, geofences and alert dispatch behind one HTTP API; serve and demo modes. */
package org.shouhu.server;
