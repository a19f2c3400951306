package org.shouhu.server.http;

import io.vertx.core.json.JsonObject;
import org.shouhu.alert.AlertSummary;
import org.shouhu.alert.ReportedPosition;

/** JSON views of alerts for the API. */
public final class AlertJson {

    private AlertJson() {
    }

    public static JsonObject summary(AlertSummary alert) {
        JsonObject json = new JsonObject()
                .put("id", alert.id().toString())
                .put("kind", alert.kind().name())
                .put("device", alert.device().toString())
                .put("child", alert.childName())
                .put("state", alert.state().name())
                .put("raisedAt", alert.raisedAt().toString())
                .put("jurisdiction", alert.jurisdictionName())
                .put("outsideJurisdiction", alert.outsideJurisdiction())
                .put("escalationLevel", alert.escalationLevel())
                .put("triggerCount", alert.triggerCount());
        alert.position().ifPresent(position -> json.put("position", position(position)));
        return json;
    }

    public static JsonObject position(ReportedPosition position) {
        return new JsonObject()
                .put("lat", position.latitude())
                .put("lon", position.longitude())
                .put("accuracyMetres", position.accuracyMetres())
                .put("fixTime", position.fixTime().toString())
                .put("lastKnown", position.lastKnown())
                .put("ageSeconds", position.age().toSeconds());
    }
}
