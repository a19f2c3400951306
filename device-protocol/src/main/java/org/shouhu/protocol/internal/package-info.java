/**
 * Codec machinery behind {@link org.shouhu.protocol.UplinkCodec} and {@link org.shouhu.protocol.DownlinkCodec}:
 * one codec class per message kind and form, a {@link org.shouhu.protocol.internal.FrameReader} that tracks byte
 * offsets for error messages, a strict JSON reader, and the shared validation rules. Not a public API; it may change
 * without notice.
 */
package org.shouhu.protocol.internal;
