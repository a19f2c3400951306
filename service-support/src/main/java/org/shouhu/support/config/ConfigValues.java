package org.shouhu.support.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Parsed and validated configuration values. Immutable and thread-safe. */
public final class ConfigValues {

    private final Map<String, Object> values;

    ConfigValues(Map<String, Object> values) {
        this.values = Map.copyOf(values);
    }

    public String getString(String key) {
        return (String) require(key);
    }

    public int getInt(String key) {
        return (Integer) require(key);
    }

    public long getLong(String key) {
        return (Long) require(key);
    }

    public double getDouble(String key) {
        return (Double) require(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) require(key);
    }

    public Duration getDuration(String key) {
        return (Duration) require(key);
    }

    public URI getUri(String key) {
        return (URI) require(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return (List<String>) require(key);
    }

    private Object require(String key) {
        Object value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("no such configuration key: " + key);
        }
        return value;
    }
}
