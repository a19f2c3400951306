/**
 * The load harness: very large simulated fleets on Vert.x MQTT connections multiplexed over a few event loops,
 * stepping only the bands that are due. Same behaviour model as the Paho fleet; see {@code docs/simulator.md}.
 */
package org.shouhu.sim.load;
