/**
 * The wristband wire protocol, version 1: MQTT topics ({@link org.shouhu.protocol.Topics}), uplink and downlink
 * message types, and their binary and JSON codecs ({@link org.shouhu.protocol.UplinkCodec},
 * {@link org.shouhu.protocol.DownlinkCodec}). Decoding validates everything and reports every rejection as a
 * {@link org.shouhu.protocol.ProtocolException} with a typed reason. Pure values and functions; no I/O. See
 * {@code docs/protocol.md} for the byte-for-byte description.
 */
package org.shouhu.protocol;
