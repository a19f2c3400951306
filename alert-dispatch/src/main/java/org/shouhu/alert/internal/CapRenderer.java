package org.shouhu.alert.internal;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.shouhu.alert.AlertDispatchConfig;
import org.shouhu.alert.AlertKind;
import org.shouhu.alert.Language;
import org.shouhu.alert.MessageKind;
import org.shouhu.alert.ReportedPosition;

/**
 * Renders OASIS CAP 1.2 documents for the police: Alert, Update (new position, more presses, escalation) and Cancel
 * (resolved), the latter two with {@code <references>} to the original Alert. The mapping is documented in
 * {@code docs/alerts.md}. Thread-safe.
 */
public final class CapRenderer {

    public static final String NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2";
    public static final String CONTENT_TYPE = "application/cap+xml; charset=utf-8";

    private final AlertDispatchConfig config;
    private final AlertTexts texts;
    private final XMLOutputFactory output = XMLOutputFactory.newFactory();

    public CapRenderer(AlertDispatchConfig config, AlertTexts texts) {
        this.config = Objects.requireNonNull(config, "config");
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /**
     * The document for one message about the alert.
     *
     * @param number the Update's number (1, 2, ...), ignored for Alert and Cancel
     * @param sentAt when the document is issued
     * @param actor  who resolved the alert, for a Cancel
     */
    public String render(AlertSnapshot alert, MessageKind message, int number, Instant sentAt, String actor) {
        StringWriter out = new StringWriter(2048);
        try {
            XMLStreamWriter xml = output.createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("alert");
            xml.writeDefaultNamespace(NAMESPACE);
            element(xml, "identifier", identifier(alert, message, number));
            element(xml, "sender", config.capSender());
            element(xml, "sent", CapIdentifiers.time(sentAt, config.capOffset()));
            element(xml, "status", "Actual");
            element(xml, "msgType", switch (message) {
                case ALERT -> "Alert";
                case UPDATE -> "Update";
                case CANCEL -> "Cancel";
                case ACKNOWLEDGED -> throw new IllegalArgumentException("acknowledgements are not sent to the police");
            });
            element(xml, "source", "Shouhu child wristband platform");
            element(xml, "scope", "Restricted");
            element(xml, "restriction", "Police and child-protection responders only: contains a child's location");
            if (alert.outsideJurisdiction()) {
                element(xml, "note", "outside_jurisdiction");
            }
            if (message != MessageKind.ALERT) {
                element(xml, "references", config.capSender() + "," + CapIdentifiers.alert(alert.id()) + ","
                        + CapIdentifiers.time(alert.raisedAt(), config.capOffset()));
            }
            element(xml, "incidents", CapIdentifiers.alert(alert.id()));
            writeInfo(xml, alert, message, actor);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing CAP to a string cannot fail", e);
        }
        return out.toString();
    }

    private void writeInfo(XMLStreamWriter xml, AlertSnapshot alert, MessageKind message, String actor)
            throws XMLStreamException {
        Language language = config.capLanguage();
        xml.writeStartElement("info");
        element(xml, "language", language.tag());
        element(xml, "category", "Rescue");
        element(xml, "category", "Safety");
        element(xml, "event", texts.event(language, alert.kind()));
        element(xml, "responseType", message == MessageKind.CANCEL ? "AllClear" : "Execute");
        element(xml, "urgency", message == MessageKind.CANCEL ? "Past" : urgency(alert.kind()));
        element(xml, "severity", severity(alert));
        element(xml, "certainty", message == MessageKind.CANCEL ? "Observed" : certainty(alert));
        valuePair(xml, "eventCode", "shouhu-alert-kind", alert.kind().token());
        element(xml, "senderName", "Shouhu");
        element(xml, "headline", texts.headline(language, alert, message));
        element(xml, "description", texts.description(language, alert, message, actor));
        valuePair(xml, "parameter", "device", alert.device().toString());
        valuePair(xml, "parameter", "child", alert.child().id());
        valuePair(xml, "parameter", "battery-percent",
                alert.batteryPercent() < 0 ? "unknown" : Integer.toString(alert.batteryPercent()));
        valuePair(xml, "parameter", "late", Boolean.toString(alert.late()));
        valuePair(xml, "parameter", "outside-jurisdiction", Boolean.toString(alert.outsideJurisdiction()));
        valuePair(xml, "parameter", "escalation-level", Integer.toString(alert.escalationLevel()));
        if (alert.kind() == AlertKind.SOS) {
            valuePair(xml, "parameter", "sos-presses", Integer.toString(alert.triggerCount()));
        }
        alert.position().ifPresent(p -> {
            try {
                valuePair(xml, "parameter", "last-known-position", Boolean.toString(p.lastKnown()));
                valuePair(xml, "parameter", "position-age-seconds", Long.toString(p.age().toSeconds()));
                valuePair(xml, "parameter", "fix-time", CapIdentifiers.time(p.fixTime(), config.capOffset()));
            } catch (XMLStreamException e) {
                throw new IllegalStateException(e);
            }
        });
        xml.writeStartElement("area");
        element(xml, "areaDesc", alert.policeName());
        if (alert.position().isPresent()) {
            element(xml, "circle", circle(alert.position().get()));
        }
        xml.writeEndElement();
        xml.writeEndElement();
    }

    /** CAP circle: "lat,lon radius" with the radius in kilometres; the accuracy circle of the fix. */
    static String circle(ReportedPosition position) {
        return AlertTexts.coordinate(position.latitude()) + "," + AlertTexts.coordinate(position.longitude()) + " "
                + String.format(Locale.ROOT, "%.3f", position.accuracyMetres() / 1000.0);
    }

    private static String identifier(AlertSnapshot alert, MessageKind message, int number) {
        return switch (message) {
            case ALERT -> CapIdentifiers.alert(alert.id());
            case UPDATE -> CapIdentifiers.update(alert.id(), number);
            case CANCEL -> CapIdentifiers.cancel(alert.id());
            case ACKNOWLEDGED -> throw new IllegalArgumentException("no CAP identifier for acknowledgements");
        };
    }

    private static String urgency(AlertKind kind) {
        return kind == AlertKind.SOS || kind == AlertKind.ENTERED_DANGER_ZONE ? "Immediate" : "Expected";
    }

    private static String severity(AlertSnapshot alert) {
        return switch (alert.kind()) {
            case SOS -> alert.escalationLevel() > 0 || alert.triggerCount() > 1 ? "Extreme" : "Severe";
            case ENTERED_DANGER_ZONE -> "Severe";
            case LEFT_SCHOOL, MISSED_ARRIVAL, CURFEW -> "Moderate";
            case INFO -> "Minor";
        };
    }

    /** An SOS press is observed; a zone event seen on an old fix is only likely. */
    private static String certainty(AlertSnapshot alert) {
        if (alert.kind() == AlertKind.SOS) {
            return "Observed";
        }
        return alert.position().map(p -> p.lastKnown() ? "Likely" : "Observed").orElse("Likely");
    }

    private static void valuePair(XMLStreamWriter xml, String name, String valueName, String value)
            throws XMLStreamException {
        xml.writeStartElement(name);
        element(xml, "valueName", valueName);
        element(xml, "value", value);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
