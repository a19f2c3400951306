package org.shouhu.sim.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.UplinkCodec;
import org.shouhu.sim.PayloadForm;

class TrackImporterTest {

    private static final UplinkCodec CODEC = new UplinkCodec(Clock.systemUTC(), Duration.ofDays(3650));
    private static final DeviceId BAND = new DeviceId(868_000_000_000_042L);

    @TempDir
    Path dir;

    @Test
    void gpx_track_becomes_position_reports_with_speed_heading_and_accuracy() throws Exception {
        Path file = dir.resolve("walk.gpx");
        Files.writeString(file, """
                <?xml version="1.0" encoding="UTF-8"?>
                <gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1">
                  <trk><trkseg>
                    <trkpt lat="27.3000000" lon="105.3000000"><time>2025-10-01T07:00:00Z</time><hdop>1.2</hdop></trkpt>
                    <trkpt lat="27.3005000" lon="105.3000000"><time>2025-10-01T07:01:00Z</time></trkpt>
                  </trkseg></trk>
                </gpx>
                """);

        List<RecordedMessage> messages = TrackImporter.gpx(file, BAND, PayloadForm.BINARY, null);

        assertThat(messages).hasSize(2);
        PositionReport first = decode(messages.get(0));
        PositionReport second = decode(messages.get(1));
        assertThat(first.fix().time()).isEqualTo(Instant.parse("2025-10-01T07:00:00Z"));
        assertThat(first.fix().accuracyMetres()).isEqualTo(6);
        assertThat(first.fix().source()).isEqualTo(FixSource.GNSS);
        assertThat(second.fix().speedMps()).isCloseTo(55.6 / 60, org.assertj.core.data.Offset.offset(0.02));
        assertThat(second.fix().headingDegrees()).isCloseTo(0.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
    }

    @Test
    void csv_tracks_of_several_bands_are_moved_to_start_now() throws Exception {
        Path file = dir.resolve("tracks.csv");
        Files.writeString(file, """
                device,time,lat,lon,accuracy
                868000000000001,2025-10-01T07:00:00+08:00,27.30,105.30,8
                868000000000002,2025-10-01T07:00:30+08:00,27.31,105.31,12
                868000000000001,2025-10-01T07:01:00+08:00,27.3005,105.30,9
                """);
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        List<RecordedMessage> messages = TrackImporter.csv(file, PayloadForm.JSON, now);

        assertThat(messages).extracting(RecordedMessage::at)
                .containsExactly(now, now.plusSeconds(30), now.plusSeconds(60));
        assertThat(messages).extracting(m -> m.device().imei())
                .containsExactly(868_000_000_000_001L, 868_000_000_000_002L, 868_000_000_000_001L);
        assertThat(decode(messages.get(1)).fix().accuracyMetres()).isEqualTo(12);
    }

    @Test
    void a_malformed_csv_row_is_reported_with_its_line() throws Exception {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "device,time,lat,lon\n868000000000001,2025-10-01T07:00:00Z,127.3,105.3\n");

        RecordingException e = assertThrows(RecordingException.class, () -> TrackImporter.csv(file, PayloadForm.BINARY, null));

        assertThat(e.getMessage()).contains("line 2").contains("latitude");
    }

    @Test
    void a_gpx_point_without_time_is_reported() throws Exception {
        Path file = dir.resolve("notime.gpx");
        Files.writeString(file, "<gpx><trk><trkseg><trkpt lat=\"27.3\" lon=\"105.3\"></trkpt></trkseg></trk></gpx>");

        RecordingException e = assertThrows(RecordingException.class,
                () -> TrackImporter.gpx(file, BAND, PayloadForm.BINARY, null));

        assertThat(e.getMessage()).contains("line 1").contains("time");
    }

    @Test
    void a_recording_with_a_bad_line_is_reported_with_its_number() throws Exception {
        Path file = dir.resolve("bad.rec");
        Files.writeString(file, RecordingFormat.HEADER + "\n2026-03-02T00:00:00Z\tshouhu/v1/868000000000001/up/pos\tAQ==\n"
                + "yesterday\tshouhu/v1/868000000000001/up/pos\tAQ==\n");

        RecordingException e = assertThrows(RecordingException.class, () -> RecordingFormat.read(file));

        assertThat(e.getMessage()).contains("line 3").contains("yesterday");
    }

    @Test
    void a_file_that_is_not_a_recording_is_refused() throws Exception {
        Path file = dir.resolve("other.txt");
        Files.writeString(file, "hello\n");

        assertThrows(RecordingException.class, () -> RecordingFormat.read(file));
    }

    private static PositionReport decode(RecordedMessage message) throws Exception {
        return (PositionReport) CODEC.decode(message.topic(), message.payload());
    }
}
