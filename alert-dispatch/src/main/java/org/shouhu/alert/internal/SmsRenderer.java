package org.shouhu.alert.internal;

import io.vertx.core.json.JsonObject;
import java.util.Objects;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;

/**
 * Renders the request body for the SMS gateway: {@code {"to": "+86...", "text": "..."}}. The text is the headline
 * and description in the guardian's language. Thread-safe.
 */
public final class SmsRenderer {

    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final AlertTexts texts;

    public SmsRenderer(AlertTexts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    public String render(AlertSnapshot alert, MessageKind message, Language language, String phoneNumber,
                         String actor) {
        String text = texts.headline(language, alert, message) + "\n" + texts.description(language, alert, message,
                actor);
        return new JsonObject().put("to", phoneNumber).put("text", text).encode();
    }
}
