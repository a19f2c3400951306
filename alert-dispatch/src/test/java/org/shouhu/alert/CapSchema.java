package org.shouhu.alert;

import java.io.IOException;
import java.io.StringReader;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/** Validates documents against the official OASIS CAP 1.2 schema vendored under src/test/resources/cap. */
final class CapSchema {

    private static final Schema SCHEMA = load();

    private CapSchema() {
    }

    private static Schema load() {
        try {
            return SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(CapSchema.class.getResource("/cap/CAP-v1.2.xsd"));
        } catch (SAXException e) {
            throw new IllegalStateException("CAP 1.2 schema does not load", e);
        }
    }

    /** @throws SAXException when the document is not valid CAP 1.2 */
    static void validate(String xml) throws SAXException, IOException {
        SCHEMA.newValidator().validate(new StreamSource(new StringReader(xml)));
    }
}
