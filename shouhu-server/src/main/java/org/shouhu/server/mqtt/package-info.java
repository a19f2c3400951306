/** The server's MQTT downlink: commands to wristbands, such as "help is coming" after an SOS is acknowledged. */
package org.shouhu.server.mqtt;
