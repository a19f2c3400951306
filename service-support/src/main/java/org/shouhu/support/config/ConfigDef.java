package org.shouhu.support.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The configuration keys of one module: name, type, default, validation and documentation, defined once.
 *
 * <pre>{@code
 * static final ConfigDef DEFINITION = new ConfigDef()
 *     .define("ingest.batch.max-messages", ConfigType.INT, 500, Validator.between(1, 100_000),
 *             "Largest number of messages written in one COPY batch.")
 *     .defineRequired("database.url", ConfigType.STRING, Validator.nonBlank(), "JDBC URL of PostgreSQL.");
 * }</pre>
 *
 * Each key can be overridden by an environment variable: {@code SHOUHU_} followed by the key in upper case with dots
 * and dashes as underscores ({@code ingest.batch.max-messages} is {@code SHOUHU_INGEST_BATCH_MAX_MESSAGES}).
 * Immutable once built; building is not thread-safe, reading is.
 */
public final class ConfigDef {

    /** One key. A null default means the key is required. */
    public record Key(String name, ConfigType type, Object defaultValue, Validator validator, String documentation,
                      boolean secret) {

        public Key {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(validator, "validator");
            Objects.requireNonNull(documentation, "documentation");
            if (!name.matches("[a-z0-9]+([.-][a-z0-9]+)*")) {
                throw new IllegalArgumentException("key names are lower case words joined by . or -: " + name);
            }
        }

        public boolean required() {
            return defaultValue == null;
        }

        /** The environment variable that overrides this key. */
        public String environmentVariable() {
            return "SHOUHU_" + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }

    private final Map<String, Key> keys = new LinkedHashMap<>();

    public ConfigDef define(String name, ConfigType type, Object defaultValue, Validator validator, String doc) {
        Objects.requireNonNull(defaultValue, "use defineRequired for a key without default: " + name);
        return add(new Key(name, type, defaultValue, validator, doc, false));
    }

    public ConfigDef define(String name, ConfigType type, Object defaultValue, String doc) {
        return define(name, type, defaultValue, Validator.any(), doc);
    }

    public ConfigDef defineRequired(String name, ConfigType type, Validator validator, String doc) {
        return add(new Key(name, type, null, validator, doc, false));
    }

    /** A key whose value must never be logged or shown (passwords, signing secrets). */
    public ConfigDef defineSecret(String name, Object defaultValue, Validator validator, String doc) {
        return add(new Key(name, ConfigType.STRING, defaultValue, validator, doc, true));
    }

    /** All keys of several definitions; a key defined twice is a programming error. */
    public static ConfigDef merge(ConfigDef... definitions) {
        ConfigDef merged = new ConfigDef();
        for (ConfigDef definition : definitions) {
            definition.keys.values().forEach(merged::add);
        }
        return merged;
    }

    private ConfigDef add(Key key) {
        if (key.defaultValue() != null) {
            String problem = key.validator().check(key.defaultValue());
            if (problem != null) {
                throw new IllegalArgumentException("default of " + key.name() + " is invalid: " + problem);
            }
        }
        if (keys.putIfAbsent(key.name(), key) != null) {
            throw new IllegalArgumentException("key defined twice: " + key.name());
        }
        return this;
    }

    public Collection<Key> keys() {
        return Collections.unmodifiableCollection(keys.values());
    }

    /**
     * Parses and validates every key. Environment variables win over properties. Properties that name no key are
     * rejected, because a misspelt key silently ignored is a setting the operator believes in but does not have.
     *
     * @throws ConfigException listing every problem found, one per line
     */
    public ConfigValues parse(Map<String, String> properties, Map<String, String> environment) {
        List<String> problems = new ArrayList<>();
        for (String name : new TreeSet<>(properties.keySet())) {
            if (!keys.containsKey(name)) {
                problems.add(name + ": unknown configuration key");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Key key : keys.values()) {
            String fromEnvironment = environment.get(key.environmentVariable());
            String text = fromEnvironment != null ? fromEnvironment : properties.get(key.name());
            String origin = fromEnvironment != null ? key.environmentVariable() : key.name();
            if (text == null) {
                if (key.required()) {
                    problems.add(key.name() + ": required (set it in the file or as " + key.environmentVariable() + ")");
                } else {
                    values.put(key.name(), key.defaultValue());
                }
                continue;
            }
            Object value;
            try {
                value = key.type().parse(text);
            } catch (IllegalArgumentException e) {
                problems.add(origin + ": '" + shown(key, text) + "' is not a valid " + key.type().description()
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
                continue;
            }
            String problem = key.validator().check(value);
            if (problem != null) {
                problems.add(origin + ": '" + shown(key, text) + "' " + problem);
                continue;
            }
            values.put(key.name(), value);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException("invalid configuration:\n  " + String.join("\n  ", problems));
        }
        return new ConfigValues(values);
    }

    private static String shown(Key key, String text) {
        return key.secret() ? "****" : text;
    }

    /** The reference table in Markdown, generated into {@code docs/configuration.md}. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("| Key | Environment variable | Type | Default | Valid values | Description |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (Key key : keys.values()) {
            String shownDefault = key.required() ? "*required*"
                    : key.secret() ? "*(secret)*" : "`" + key.type().format(key.defaultValue()) + "`";
            out.append("| `").append(key.name()).append("` | `").append(key.environmentVariable()).append("` | ")
                    .append(key.type().description()).append(" | ").append(shownDefault).append(" | ")
                    .append(key.validator().describe()).append(" | ")
                    .append(key.documentation().replace("|", "\\|").replace("\n", " ")).append(" |\n");
        }
        return out.toString();
    }
}
