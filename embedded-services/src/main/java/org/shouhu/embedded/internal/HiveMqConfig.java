package org.shouhu.embedded.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the {@code config.xml} of an embedded HiveMQ broker: one TCP listener on 127.0.0.1, no anonymous usage
 * statistics (the broker makes no outbound connection), the chosen persistence mode, and offline queues deep enough
 * that a service restarting behind a persistent session loses no SOS under a burst of position reports. Immutable
 * and thread-safe.
 *
 * @param port           the listener's port on 127.0.0.1
 * @param fileBased      whether sessions and queues are kept on disk (otherwise in memory)
 * @param maxQueueSize   how many messages the broker queues per offline persistent session
 */
public record HiveMqConfig(int port, boolean fileBased, long maxQueueSize) {

    public static final String FILE_NAME = "config.xml";

    public HiveMqConfig {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1..65535: " + port);
        }
        if (maxQueueSize < 1) {
            throw new IllegalArgumentException("max queue size must be positive: " + maxQueueSize);
        }
    }

    /** The configuration document. */
    public String toXml() {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                    </mqtt>
                    <persistence>
                        <mode>%s</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, maxQueueSize, fileBased ? "file" : "in-memory");
    }

    /** Writes the document as {@value #FILE_NAME} into {@code configFolder}, replacing an earlier one. */
    public void writeTo(Path configFolder) throws IOException {
        Files.createDirectories(configFolder);
        Files.writeString(configFolder.resolve(FILE_NAME), toXml(), StandardCharsets.UTF_8);
    }
}
