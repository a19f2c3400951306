package org.shouhu.alert.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;
import org.shouhu.alert.ReportedPosition;

/**
 * Composes the human texts of a message (event name, headline, description) from an {@link AlertSnapshot}, in one
 * language. Shared by the CAP, JSON and SMS renderers so that every channel says the same. Thread-safe.
 */
public final class AlertTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx", Locale.ROOT);

    private final MessageTemplates templates;
    private final ZoneOffset offset;

    public AlertTexts(MessageTemplates templates, ZoneOffset offset) {
        this.templates = Objects.requireNonNull(templates, "templates");
        this.offset = Objects.requireNonNull(offset, "offset");
    }

    public String event(Language language, AlertKind kind) {
        return templates.format(language, "event." + kind.token());
    }

    public String headline(Language language, AlertSnapshot alert, MessageKind message) {
        String base = templates.format(language, "headline." + alert.kind().token(), alert.child().name(),
                alert.zoneName());
        return switch (message) {
            case ALERT -> base;
            case UPDATE -> templates.format(language,
                    alert.escalationLevel() > 0 ? "headline.escalated" : "headline.update", base);
            case CANCEL -> templates.format(language, "headline.cancel", base);
            case ACKNOWLEDGED -> templates.format(language, "headline.acknowledged", base);
        };
    }

    /** Position, age, device and battery, lateness, jurisdiction and escalation, one sentence each. */
    public String description(Language language, AlertSnapshot alert, MessageKind message, String actor) {
        StringBuilder text = new StringBuilder();
        if (alert.position().isPresent()) {
            ReportedPosition position = alert.position().get();
            text.append(templates.format(language, "description.position", coordinate(position.latitude()),
                    coordinate(position.longitude()), position.accuracyMetres(),
                    TIME.format(position.fixTime().atOffset(offset))));
            if (position.lastKnown()) {
                text.append(' ').append(templates.format(language, "description.last-known",
                        templates.duration(language, position.age())));
            }
        } else {
            text.append(templates.format(language, "description.no-position"));
        }
        text.append(' ').append(alert.batteryPercent() < 0
                ? templates.format(language, "description.battery-unknown", alert.device())
                : templates.format(language, "description.device", alert.device(), alert.batteryPercent()));
        if (alert.late()) {
            text.append(' ').append(templates.format(language, "description.late"));
        }
        if (alert.outsideJurisdiction()) {
            text.append(' ').append(templates.format(language, "description.outside"));
        }
        if (alert.kind() == AlertKind.SOS && alert.triggerCount() > 1) {
            text.append(' ').append(templates.format(language, "description.repeated", alert.triggerCount()));
        }
        if (alert.escalationLevel() > 0) {
            text.append(' ').append(templates.format(language, "description.escalated", alert.escalationLevel()));
        }
        if (message == MessageKind.CANCEL) {
            text.append(' ').append(templates.format(language, "description.cancel", actor));
        }
        return text.toString();
    }

    /** Six decimals (about 0.1 m), with a dot whatever the language. */
    public static String coordinate(double degrees) {
        return String.format(Locale.ROOT, "%.6f", degrees);
    }
}
