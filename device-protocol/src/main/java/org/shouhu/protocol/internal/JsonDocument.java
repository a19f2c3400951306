package org.shouhu.protocol.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import org.shouhu.protocol.ProtocolException;
import org.shouhu.protocol.ProtocolException.Reason;

/**
 * Parses a JSON payload with the Jackson streaming parser into plain values (maps, lists, strings, {@link Long},
 * {@link Double}, {@link Boolean}, {@link #NULL}) wrapped in a {@link JsonObject} that knows field paths. Syntax is
 * strict: one object, no duplicate keys, no comments, nothing after the closing brace, nesting at most
 * {@value #MAX_DEPTH} deep. Stateless and thread-safe.
 */
public final class JsonDocument {

    /** JSON null, kept apart from an absent field so errors can tell them apart. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** An integer too large for a long; kept as text so range errors can quote it. */
    public record OversizedInteger(String text) {
    }

    static final int MAX_DEPTH = 8;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private JsonDocument() {
    }

    public static JsonFactory factory() {
        return FACTORY;
    }

    public static JsonObject parse(byte[] payload) throws ProtocolException {
        try (JsonParser parser = FACTORY.createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new ProtocolException(Reason.MALFORMED_JSON, offset(parser.currentTokenLocation()),
                        "payload must be one JSON object");
            }
            Map<String, Object> root = readObject(parser, 1);
            if (parser.nextToken() != null) {
                throw new ProtocolException(Reason.MALFORMED_JSON, offset(parser.currentTokenLocation()),
                        "content after the closing brace of the object");
            }
            return new JsonObject("", root);
        } catch (JsonProcessingException e) {
            throw new ProtocolException(Reason.MALFORMED_JSON, offset(e.getLocation()), e.getOriginalMessage());
        } catch (IOException e) {
            throw new ProtocolException(Reason.MALFORMED_JSON, "unreadable JSON: " + e.getMessage());
        }
    }

    private static Map<String, Object> readObject(JsonParser parser, int depth) throws IOException, ProtocolException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            fields.put(name, readValue(parser, depth));
        }
        return fields;
    }

    private static Object readValue(JsonParser parser, int depth) throws IOException, ProtocolException {
        JsonToken token = parser.currentToken();
        if ((token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) && depth >= MAX_DEPTH) {
            throw new ProtocolException(Reason.MALFORMED_JSON, offset(parser.currentTokenLocation()),
                    "nesting deeper than " + MAX_DEPTH + " levels");
        }
        return switch (token) {
            case START_OBJECT -> readObject(parser, depth + 1);
            case START_ARRAY -> readArray(parser, depth + 1);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> switch (parser.getNumberType()) {
                case INT, LONG -> parser.getLongValue();
                default -> new OversizedInteger(parser.getText());
            };
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new ProtocolException(Reason.MALFORMED_JSON, offset(parser.currentTokenLocation()),
                    "unexpected token " + token);
        };
    }

    private static List<Object> readArray(JsonParser parser, int depth) throws IOException, ProtocolException {
        List<Object> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (parser.currentToken() == null) {
                throw new ProtocolException(Reason.MALFORMED_JSON, offset(parser.currentLocation()),
                        "array not closed");
            }
            items.add(readValue(parser, depth));
        }
        return items;
    }

    private static int offset(JsonLocation location) {
        if (location == null || location.getByteOffset() < 0) {
            return -1;
        }
        return (int) Math.min(Integer.MAX_VALUE, location.getByteOffset());
    }
}
