/**
 * The demo: embedded PostgreSQL and MQTT broker, sample jurisdictions and families around Bijie, a simulated fleet,
 * local receivers standing in for guardians' apps and police dispatch centres, and an SOS press to watch.
 */
package org.shouhu.server.demo;
