/**
 * Real infrastructure services that run inside or beside the JVM, for the demo and for tests: a PostgreSQL server
 * started from the binaries shipped in a Maven artifact ({@link org.shouhu.embedded.EmbeddedPostgres}), an MQTT
 * broker running in-process ({@link org.shouhu.embedded.EmbeddedMqttBroker}), and {@link
 * org.shouhu.embedded.TestServices}, which gives tests either the external services named by environment variables
 * or embedded ones started once per JVM.
 */
package org.shouhu.embedded;
