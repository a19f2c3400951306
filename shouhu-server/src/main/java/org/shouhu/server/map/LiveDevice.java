package org.shouhu.server.map;

import java.time.Instant;
import java.util.Objects;
import org.shouhu.protocol.DeviceId;

/**
 * What the live map knows of one wristband: its newest position and status.
 *
 * @param jurisdiction directory id of the jurisdiction containing the position, null when outside all of them
 * @param battery      battery percentage, -1 when unknown
 * @param worn         whether it is on a wrist; null when no status was reported yet
 */
record LiveDevice(DeviceId device, String childName, double latitude, double longitude, int accuracyMetres,
                  Instant fixTime, int battery, Boolean worn, Boolean charging, String jurisdiction) {

    LiveDevice {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(childName, "childName");
    }

    boolean hasPosition() {
        return fixTime != null;
    }

    LiveDevice movedTo(double latitude, double longitude, int accuracyMetres, Instant fixTime, int battery,
                       String jurisdiction) {
        return new LiveDevice(device, childName, latitude, longitude, accuracyMetres, fixTime, battery, worn,
                charging, jurisdiction);
    }

    LiveDevice withStatus(int battery, boolean worn, boolean charging) {
        return new LiveDevice(device, childName, latitude, longitude, accuracyMetres, fixTime, battery, worn,
                charging, jurisdiction);
    }

    /** The JSON the page reads: short keys, because a fleet sends many of these each tick. */
    String toJson() {
        StringBuilder json = new StringBuilder(160).append("{\"id\":\"").append(device).append("\",\"name\":");
        MapJson.quote(json, childName);
        json.append(",\"lat\":").append(latitude).append(",\"lon\":").append(longitude)
                .append(",\"acc\":").append(accuracyMetres)
                .append(",\"fix\":\"").append(fixTime).append('"')
                .append(",\"battery\":").append(battery)
                .append(",\"worn\":").append(worn)
                .append(",\"charging\":").append(charging)
                .append('}');
        return json.toString();
    }
}
