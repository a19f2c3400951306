package org.shouhu.server;

import io.vertx.core.Future;
import java.util.Optional;
import org.shouhu.alert.AlertService;
import org.shouhu.alert.ReportedPosition;
import org.shouhu.alert.SosAlertRequest;
import org.shouhu.ingest.SosHandler;
import org.shouhu.ingest.SosPosition;
import org.shouhu.ingest.SosReceived;

/**
 * Hands every SOS that ingest received to alert dispatch. Ingest acknowledges the MQTT message only when the
 * returned future succeeds, i.e. after the alert and its outbox rows are committed; the police's CAP Alert of a new
 * alert is posted while they are being written, and a raise that fails is handed over again by ingest until it
 * succeeds, under the same alert id (see {@code AlertId.forSos}).
 */
final class SosBridge implements SosHandler {

    /**
     * Sequence numbers on the wire are 32-bit. A damaged SOS frame has no trustworthy sequence; ingest gives it a
     * negative synthetic id derived from the frame's bytes, which is mapped above the 32-bit range so it can never
     * collide with a real press and a redelivery of the same frame still maps to the same alert.
     */
    static final long SYNTHETIC_SEQUENCE_BASE = 1L << 32;

    private final AlertService alerts;

    SosBridge(AlertService alerts) {
        this.alerts = alerts;
    }

    @Override
    public Future<Void> onSos(SosReceived sos) {
        return alerts.raiseSos(request(sos)).mapEmpty();
    }

    static SosAlertRequest request(SosReceived sos) {
        long sequence = sos.sequenceKnown() ? sos.sequence() : SYNTHETIC_SEQUENCE_BASE + (-sos.sequence() & 0x7FFF_FFFFL);
        Optional<ReportedPosition> position = sos.position().map(SosBridge::reported);
        return new SosAlertRequest(sos.device(), sequence, sos.pressedAt(), position, sos.late(),
                sos.battery().orElse(0));
    }

    private static ReportedPosition reported(SosPosition position) {
        return new ReportedPosition(position.latitude(), position.longitude(), position.accuracyMetres(),
                position.fixTime(), position.lastKnown(), position.age());
    }
}
