package org.shouhu.protocol.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * One parsed JSON object with typed, strict accessors. Every error names the field by its full path
 * ({@code positions[2].fix.lat}): MISSING_FIELD when a field is absent or null, INVALID_FIELD when it has the wrong
 * JSON type or an out-of-range value, or when the object has a field the schema does not define. Immutable.
 */
public final class JsonObject {

    private final String path;
    private final Map<String, Object> fields;

    JsonObject(String path, Map<String, Object> fields) {
        this.path = path;
        this.fields = fields;
    }

    public String path() {
        return path;
    }

    public FieldLocation location() {
        return FieldLocation.json(path);
    }

    /** Rejects any field not in {@code known}, so that a misspelt field is an error rather than silently ignored. */
    public void allowOnly(List<String> known) throws ProtocolException {
        for (String name : fields.keySet()) {
            if (!known.contains(name)) {
                throw new ProtocolException(Reason.INVALID_FIELD,
                        "unknown field '" + name(name) + "' (" + (path.isEmpty() ? "message" : path)
                                + " defines " + String.join(", ", known) + ")");
            }
        }
    }

    /** Whether the field is absent or JSON null. */
    public boolean isAbsent(String name) {
        Object value = fields.get(name);
        return value == null || value == JsonDocument.NULL;
    }

    public String string(String name) throws ProtocolException {
        if (required(name) instanceof String text) {
            return text;
        }
        throw wrongType(name, "a string");
    }

    /** An integer field within {@code min..max}. */
    public long integer(String name, long min, long max) throws ProtocolException {
        Object value = required(name);
        if (value instanceof Long number) {
            if (number < min || number > max) {
                throw invalid(name, number + " is outside " + min + ".." + max);
            }
            return number;
        }
        if (value instanceof JsonDocument.OversizedInteger big) {
            throw invalid(name, big.text() + " is outside " + min + ".." + max);
        }
        throw wrongType(name, "an integer");
    }

    /** Any JSON number, as a double (integers included). */
    public double number(String name) throws ProtocolException {
        Object value = required(name);
        if (value instanceof Long number) {
            return number;
        }
        if (value instanceof Double number) {
            return number;
        }
        if (value instanceof JsonDocument.OversizedInteger big) {
            return Double.parseDouble(big.text());
        }
        throw wrongType(name, "a number");
    }

    public boolean bool(String name) throws ProtocolException {
        if (required(name) instanceof Boolean flag) {
            return flag;
        }
        throw wrongType(name, "true or false");
    }

    /** An ISO-8601 UTC timestamp with at most millisecond precision, as epoch milliseconds. */
    public long time(String name) throws ProtocolException {
        String text = string(name);
        Instant instant;
        try {
            instant = DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
        } catch (DateTimeException e) {
            throw invalid(name, "'" + text + "' is not an ISO-8601 UTC timestamp such as 2026-11-23T08:00:00.000Z");
        }
        if (instant.getNano() % 1_000_000 != 0) {
            throw invalid(name, "'" + text + "' is finer than a millisecond");
        }
        try {
            return instant.toEpochMilli();
        } catch (ArithmeticException e) {
            throw invalid(name, "'" + text + "' is outside the range of epoch milliseconds");
        }
    }

    @SuppressWarnings("unchecked")
    public JsonObject object(String name) throws ProtocolException {
        if (required(name) instanceof Map<?, ?> map) {
            return new JsonObject(name(name), (Map<String, Object>) map);
        }
        throw wrongType(name, "an object");
    }

    /** An array of objects holding {@code minSize..maxSize} items. */
    @SuppressWarnings("unchecked")
    public List<JsonObject> objects(String name, int minSize, int maxSize) throws ProtocolException {
        if (!(required(name) instanceof List<?> items)) {
            throw wrongType(name, "an array");
        }
        if (items.size() < minSize || items.size() > maxSize) {
            throw invalid(name, "holds " + items.size() + " items, allowed " + minSize + ".." + maxSize);
        }
        List<JsonObject> objects = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String itemPath = name(name) + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> map)) {
                throw new ProtocolException(Reason.INVALID_FIELD, itemPath + " must be an object");
            }
            objects.add(new JsonObject(itemPath, (Map<String, Object>) map));
        }
        return objects;
    }

    public ProtocolException invalid(String name, String problem) {
        return new ProtocolException(Reason.INVALID_FIELD, name(name) + " " + problem);
    }

    private Object required(String name) throws ProtocolException {
        Object value = fields.get(name);
        if (value == null) {
            throw new ProtocolException(Reason.MISSING_FIELD, name(name) + " is missing");
        }
        if (value == JsonDocument.NULL) {
            throw new ProtocolException(Reason.MISSING_FIELD, name(name) + " is null");
        }
        return value;
    }

    private ProtocolException wrongType(String name, String expected) {
        return new ProtocolException(Reason.INVALID_FIELD, name(name) + " must be " + expected + ", got "
                + describe(fields.get(name)));
    }

    private String name(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static String describe(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        if (value instanceof Double) {
            return "a fractional number";
        }
        return "a number";
    }
}
