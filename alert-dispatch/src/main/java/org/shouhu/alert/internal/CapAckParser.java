package org.shouhu.alert.internal;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.shouhu.alert.AlertId;
import org.shouhu.alert.CapDocumentException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads a CAP 1.2 {@code Ack} from a dispatch centre and finds which of our alerts it acknowledges, from its
 * {@code <references>} ("sender,identifier,sent" triples separated by spaces). DTDs and external entities are
 * refused. Thread-safe.
 */
public final class CapAckParser {

    /** A parsed acknowledgement: who sent it and the alerts of ours it refers to. */
    public record CapAck(String sender, String identifier, List<AlertId> alerts) {
    }

    private final String ourSender;

    public CapAckParser(String ourSender) {
        this.ourSender = Objects.requireNonNull(ourSender, "ourSender");
    }

    /**
     * @throws CapDocumentException when the text is not a CAP 1.2 Ack referring to at least one of our alerts
     */
    public CapAck parse(String xml) {
        Element root = parseXml(xml).getDocumentElement();
        if (!CapRenderer.NAMESPACE.equals(root.getNamespaceURI()) || !"alert".equals(root.getLocalName())) {
            throw new CapDocumentException("not a CAP 1.2 document: root element is {" + root.getNamespaceURI()
                    + "}" + root.getLocalName());
        }
        String msgType = child(root, "msgType");
        if (!"Ack".equals(msgType)) {
            throw new CapDocumentException("expected msgType Ack, got " + msgType);
        }
        String sender = child(root, "sender");
        String identifier = child(root, "identifier");
        if (sender.isBlank() || identifier.isBlank()) {
            throw new CapDocumentException("CAP Ack without sender or identifier");
        }
        Set<AlertId> alerts = new LinkedHashSet<>();
        for (String reference : child(root, "references").trim().split("\\s+")) {
            String[] parts = reference.split(",");
            if (parts.length == 3 && parts[0].equals(ourSender)) {
                CapIdentifiers.alertOf(parts[1]).ifPresent(alerts::add);
            }
        }
        if (alerts.isEmpty()) {
            throw new CapDocumentException("the Ack references none of our alerts (sender " + ourSender + ")");
        }
        return new CapAck(sender, identifier, new ArrayList<>(alerts));
    }

    private static Document parseXml(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new CapDocumentException("empty CAP document");
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser supports these features", e);
        } catch (SAXException | IOException e) {
            throw new CapDocumentException("malformed CAP document: " + e.getMessage(), e);
        }
    }

    private static String child(Element root, String name) {
        NodeList nodes = root.getElementsByTagNameNS(CapRenderer.NAMESPACE, name);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().strip();
    }
}
