package org.shouhu.alert;

import java.util.Locale;

/** The languages alert texts are written in. Guardians choose one; police get the configured CAP language. */
public enum Language {
    SIMPLIFIED_CHINESE("zh-CN", Locale.SIMPLIFIED_CHINESE),
    ENGLISH("en", Locale.ENGLISH);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /** The BCP 47 tag, as used in CAP {@code <language>} and the JSON body. */
    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The language for a BCP 47 tag: any {@code zh} tag is Simplified Chinese, any {@code en} tag English.
     *
     * @throws IllegalArgumentException for other languages
     */
    public static Language forTag(String tag) {
        String lower = tag == null ? "" : tag.toLowerCase(Locale.ROOT);
        if (lower.equals("zh") || lower.startsWith("zh-")) {
            return SIMPLIFIED_CHINESE;
        }
        if (lower.equals("en") || lower.startsWith("en-")) {
            return ENGLISH;
        }
        throw new IllegalArgumentException("unsupported language tag (zh-CN or en): " + tag);
    }
}
