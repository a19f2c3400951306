package org.shouhu.alert.internal;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.ChannelKind;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;

/** Renders the body of one outbox row for its channel: CAP, guardian JSON, SMS gateway JSON or device command. */
public final class MessageRenderer {

    /** A rendered body and its MIME type. */
    public record Rendered(String contentType, String body) {
    }

    private final CapRenderer cap;
    private final GuardianJsonRenderer json;
    private final SmsRenderer sms;

    public MessageRenderer(AlertDispatchConfig config) {
        AlertTexts texts = new AlertTexts(new MessageTemplates(), config.capOffset());
        this.cap = new CapRenderer(config, texts);
        this.json = new GuardianJsonRenderer(texts);
        this.sms = new SmsRenderer(texts);
    }

    public Rendered render(AlertSnapshot alert, MessageKind message, int number, ChannelKind channel, String address,
                           Language language, Instant now, String actor) {
        Objects.requireNonNull(alert, "alert");
        return switch (channel) {
            case CAP -> new Rendered(CapRenderer.CONTENT_TYPE, cap.render(alert, message, number, now, actor));
            case WEBHOOK -> new Rendered(GuardianJsonRenderer.CONTENT_TYPE,
                    json.render(alert, message, language, now, actor));
            case SMS -> new Rendered(SmsRenderer.CONTENT_TYPE, sms.render(alert, message, language, address, actor));
            case DEVICE -> new Rendered("application/json", new JsonObject()
                    .put("device", alert.device().toString())
                    .put("sosSequence", alert.sosSequence()).encode());
        };
    }
}
