package org.shouhu.protocol.internal;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * Where a group of fields sits in a payload: a path such as {@code positions[3].fix} and, for binary frames, the byte
 * offset of the group's first byte (-1 for JSON). Lets one validation routine report errors in either form.
 */
public record FieldLocation(String path, int offset) {

    public static FieldLocation binary(String path, int offset) {
        return new FieldLocation(path, offset);
    }

    public static FieldLocation json(String path) {
        return new FieldLocation(path, -1);
    }

    /** The full name of a field in this group. */
    public String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** The byte offset of a field {@code relative} bytes into this group, or -1 for JSON. */
    public int offsetOf(int relative) {
        return offset < 0 ? -1 : offset + relative;
    }

    public ProtocolException error(Reason reason, String field, int relative, String message) {
        return new ProtocolException(reason, offsetOf(relative), name(field) + " " + message);
    }
}
