package org.shouhu.alert.internal;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;

/**
 * Renders the versioned JSON body sent to guardians' webhooks ({@value #SCHEMA}; documented field by field in
 * {@code docs/alerts.md}). Fields are only ever added within a schema version. Thread-safe.
 */
public final class GuardianJsonRenderer {

    public static final String SCHEMA = "shouhu.alert/1";
    public static final String CONTENT_TYPE = "application/json; charset=utf-8";

    private final AlertTexts texts;

    public GuardianJsonRenderer(AlertTexts texts) {
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    public String render(AlertSnapshot alert, MessageKind message, Language language, Instant sentAt, String actor) {
        JsonObject body = new JsonObject()
                .put("schema", SCHEMA)
                .put("message", switch (message) {
                    case ALERT -> "alert";
                    case UPDATE -> "update";
                    case CANCEL -> "resolved";
                    case ACKNOWLEDGED -> "acknowledged";
                })
                .put("alertId", alert.id().toString())
                .put("kind", alert.kind().token())
                .put("child", new JsonObject().put("id", alert.child().id()).put("name", alert.child().name()))
                .put("device", alert.device().toString())
                .put("occurredAt", alert.occurredAt().toString())
                .put("sentAt", sentAt.toString())
                .put("position", alert.position().map(p -> new JsonObject()
                        .put("latitude", p.latitude())
                        .put("longitude", p.longitude())
                        .put("accuracyMetres", p.accuracyMetres())
                        .put("fixTime", p.fixTime().toString())
                        .put("lastKnown", p.lastKnown())
                        .put("ageSeconds", p.age().toSeconds())).orElse(null))
                .put("late", alert.late())
                .put("batteryPercent", alert.batteryPercent() < 0 ? null : alert.batteryPercent())
                .put("outsideJurisdiction", alert.outsideJurisdiction())
                .put("escalationLevel", alert.escalationLevel())
                .put("language", language.tag())
                .put("headline", texts.headline(language, alert, message))
                .put("text", texts.description(language, alert, message, actor));
        if (alert.kind() == AlertKind.SOS) {
            body.put("sosSequence", alert.sosSequence()).put("sosPresses", alert.triggerCount());
        } else {
            body.put("zoneName", alert.zoneName());
        }
        return body.encode();
    }
}
