package org.shouhu.server.map;

import java.time.Duration;
import java.util.Objects;
import org.shouhu.support.config.ConfigDef;
import org.shouhu.support.config.ConfigType;
import org.shouhu.support.config.ConfigValues;
import org.shouhu.support.config.Validator;

/**
 * Settings of the live map.
 *
 * @param tileUrl             base map tile URL template ({@code {z}/{x}/{y}}), empty to draw on a plain background
 * @param tileAttribution     attribution text the tile provider requires
 * @param feedTick            how often coalesced positions are sent to each map
 * @param alertCheckInterval  how often the alert log is checked for changes while maps are open
 * @param clientBufferBytes   how many unsent bytes one map may hold before it is dropped (it reconnects)
 * @param maxTrackSpan        the longest time range one track or playback request may cover
 */
public record MapSettings(String tileUrl, String tileAttribution, Duration feedTick, Duration alertCheckInterval,
                          int clientBufferBytes, Duration maxTrackSpan) {

    public static final ConfigDef DEFINITION = new ConfigDef()
            .define("map.tile-url", ConfigType.STRING, "", Validator.of(MapSettings::checkTileUrl,
                            "empty, or an http(s) URL template with {z}, {x} and {y}"),
                    "Base map tiles for the live map, e.g. https://tiles.example.org/{z}/{x}/{y}.png. Empty: the map "
                            + "draws jurisdictions, zones and positions on a plain background and needs no internet.")
            .define("map.tile-attribution", ConfigType.STRING, "", Validator.any(),
                    "Attribution shown on the live map for the configured tiles.")
            .define("map.feed-tick", ConfigType.DURATION, Duration.ofMillis(300),
                    Validator.durationBetween(Duration.ofMillis(50), Duration.ofSeconds(5)),
                    "Positions are coalesced per wristband and sent to open maps once per tick; only wristbands "
                            + "that moved or changed status are sent.")
            .define("map.alert-check-interval", ConfigType.DURATION, Duration.ofMillis(250),
                    Validator.durationBetween(Duration.ofMillis(50), Duration.ofSeconds(5)),
                    "While maps are open, how often the server checks the alert log for changes (one indexed "
                            + "query for all maps) and pushes the open alert queue when it changed.")
            .define("map.client-buffer-bytes", ConfigType.INT, 1 << 20, Validator.between(16 * 1024, 64 << 20),
                    "Unsent bytes one map connection may hold. A map that falls further behind is disconnected and "
                            + "reconnects with a fresh snapshot, so a slow client never slows the server.")
            .define("map.max-track-span", ConfigType.DURATION, Duration.ofHours(24),
                    Validator.durationBetween(Duration.ofMinutes(1), Duration.ofDays(31)),
                    "Longest time range one track or playback request may cover.");

    public MapSettings {
        Objects.requireNonNull(tileUrl, "tileUrl");
        Objects.requireNonNull(tileAttribution, "tileAttribution");
        Objects.requireNonNull(feedTick, "feedTick");
        Objects.requireNonNull(alertCheckInterval, "alertCheckInterval");
        Objects.requireNonNull(maxTrackSpan, "maxTrackSpan");
        String problem = checkTileUrl(tileUrl);
        if (problem != null) {
            throw new IllegalArgumentException("map.tile-url " + problem);
        }
    }

    /** Defaults: no tiles, 300 ms tick, 250 ms alert check, 1 MiB per client, 24 h tracks. */
    public static MapSettings defaults() {
        return new MapSettings("", "", Duration.ofMillis(300), Duration.ofMillis(250), 1 << 20, Duration.ofHours(24));
    }

    public static MapSettings from(ConfigValues values) {
        return new MapSettings(values.getString("map.tile-url"), values.getString("map.tile-attribution"),
                values.getDuration("map.feed-tick"), values.getDuration("map.alert-check-interval"),
                values.getInt("map.client-buffer-bytes"), values.getDuration("map.max-track-span"));
    }

    private static String checkTileUrl(Object value) {
        String url = value.toString();
        if (url.isEmpty()) {
            return null;
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return "must start with http:// or https://";
        }
        if (!url.contains("{z}") || !url.contains("{x}") || !url.contains("{y}")) {
            return "must contain {z}, {x} and {y}";
        }
        return null;
    }
}
