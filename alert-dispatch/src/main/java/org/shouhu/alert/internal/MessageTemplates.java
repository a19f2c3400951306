package org.shouhu.alert.internal;

import java.text.MessageFormat;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.shouhu.alert.Language;

/**
 * The alert texts of each language, from the {@code org/shouhu/alert/messages_<locale>.properties} bundles
 * (UTF-8). Every language must define every key; a missing key is a build defect caught by the tests. Thread-safe.
 */
public final class MessageTemplates {

    private static final String BUNDLE = "org.shouhu.alert.messages";

    private final Map<Language, ResourceBundle> bundles = new EnumMap<>(Language.class);

    public MessageTemplates() {
        ResourceBundle.Control noFallback = ResourceBundle.Control.getNoFallbackControl(
                ResourceBundle.Control.FORMAT_PROPERTIES);
        for (Language language : Language.values()) {
            bundles.put(language, ResourceBundle.getBundle(BUNDLE, language.locale(), noFallback));
        }
    }

    /**
     * The text for {@code key} in {@code language} with the arguments filled in. Arguments are used as given
     * (format numbers before passing them, so that decimals do not depend on the locale).
     *
     * @throws MissingResourceException when the language lacks the key
     */
    public String format(Language language, String key, Object... arguments) {
        String pattern = bundles.get(language).getString(key);
        return new MessageFormat(pattern, language.locale()).format(stringify(arguments));
    }

    /** A duration as people read it: seconds under a minute, minutes under three hours, hours beyond. */
    public String duration(Language language, Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return format(language, "duration.seconds", seconds);
        }
        if (seconds < 3 * 3600) {
            return format(language, "duration.minutes", seconds / 60);
        }
        return format(language, "duration.hours", seconds / 3600);
    }

    /** Every key of every bundle, for the completeness test. */
    public java.util.Set<String> keys(Language language) {
        return bundles.get(language).keySet();
    }

    private static Object[] stringify(Object[] arguments) {
        Object[] texts = new Object[arguments.length];
        for (int i = 0; i < arguments.length; i++) {
            texts[i] = String.valueOf(arguments[i]);
        }
        return texts;
    }
}
