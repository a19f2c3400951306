package org.shouhu.server.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.shouhu.support.config.ConfigException;

class MapSettingsTest {

    @Test
    void no_tile_url_means_a_plain_background() {
        MapSettings settings = MapSettings.from(MapSettings.DEFINITION.parse(Map.of(), Map.of()));

        assertThat(settings.tileUrl()).isEmpty();
        assertThat(settings.feedTick()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void a_tile_url_without_its_placeholders_is_refused_at_start_up() {
        assertThrows(ConfigException.class, () -> MapSettings.DEFINITION.parse(
                Map.of("map.tile-url", "https://tiles.example.org/tile.png"), Map.of()));
        assertThrows(ConfigException.class, () -> MapSettings.DEFINITION.parse(
                Map.of("map.tile-url", "ftp://tiles.example.org/{z}/{x}/{y}.png"), Map.of()));
    }

    @Test
    void a_feed_tick_outside_its_range_is_refused() {
        assertThrows(ConfigException.class, () -> MapSettings.DEFINITION.parse(
                Map.of("map.feed-tick", "10ms"), Map.of()));
    }
}
