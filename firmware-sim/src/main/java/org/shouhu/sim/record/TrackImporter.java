package org.shouhu.sim.record;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.shouhu.protocol.DeviceId;
import org.shouhu.protocol.Fix;
import org.shouhu.protocol.FixSource;
import org.shouhu.protocol.PositionReport;
import org.shouhu.protocol.Topics;
import org.shouhu.sim.PayloadForm;
import org.shouhu.sim.region.GeoPoint;

/**
 * Turns real tracks into position reports to replay: GPX files ({@code trkpt} with {@code time}, optional
 * {@code hdop}) for one device, or CSV files with the header {@code device,time,lat,lon[,accuracy]} for any number
 * of devices. Speed and heading come from consecutive points; accuracy from the CSV column, or 5 m per unit of HDOP,
 * or 10 m. Times can be shifted so the first point is at a given instant (a track from last year replayed as today).
 * Sequences continue from the track's (shifted) start time, as on simulated bands. Stateless and thread-safe.
 */
public final class TrackImporter {

    private static final int DEFAULT_ACCURACY = 10;
    private static final int BATTERY = 80;

    /** A point of a track, before it becomes a report. */
    private record Point(int line, DeviceId device, Instant time, GeoPoint position, int accuracy) {
    }

    private TrackImporter() {
    }

    /**
     * @param shiftStartTo when present, the instant the earliest point is moved to (all points move alike)
     * @throws RecordingException naming the point when the file is not a usable GPX track
     */
    public static List<RecordedMessage> gpx(Path file, DeviceId device, PayloadForm form, Instant shiftStartTo)
            throws IOException, RecordingException {
        List<Point> points = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        try (InputStream in = Files.newInputStream(file)) {
            XMLStreamReader xml = factory.createXMLStreamReader(in);
            GpxPoint current = null;
            String text = null;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && xml.getLocalName().equals("trkpt")) {
                    current = new GpxPoint(xml.getLocation().getLineNumber(),
                            xml.getAttributeValue(null, "lat"), xml.getAttributeValue(null, "lon"));
                } else if (event == XMLStreamConstants.CHARACTERS) {
                    text = xml.getText().trim();
                } else if (event == XMLStreamConstants.END_ELEMENT && current != null) {
                    switch (xml.getLocalName()) {
                        case "time" -> current.time = text;
                        case "hdop" -> current.hdop = text;
                        case "trkpt" -> {
                            points.add(current.toPoint(file, device));
                            current = null;
                        }
                        default -> { }
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new RecordingException(file + ": not well-formed GPX: " + e.getMessage());
        }
        if (points.isEmpty()) {
            throw new RecordingException(file + ": no track points (trkpt) found");
        }
        return reports(points, form, shiftStartTo);
    }

    /**
     * @param shiftStartTo when present, the instant the earliest point is moved to
     * @throws RecordingException naming the line when a row is malformed
     */
    public static List<RecordedMessage> csv(Path file, PayloadForm form, Instant shiftStartTo)
            throws IOException, RecordingException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().toLowerCase().startsWith("device,time,lat,lon")) {
            throw new RecordingException(file + ": line 1: expected the header device,time,lat,lon[,accuracy]");
        }
        List<Point> points = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 4 && f.length != 5) {
                throw new RecordingException(file + ": line " + (i + 1) + ": expected 4 or 5 comma-separated fields");
            }
            try {
                int accuracy = f.length == 5 ? Integer.parseInt(f[4].trim()) : DEFAULT_ACCURACY;
                points.add(new Point(i + 1, DeviceId.parse(f[0].trim()), time(f[1].trim()),
                        new GeoPoint(Double.parseDouble(f[2].trim()), Double.parseDouble(f[3].trim())),
                        Math.max(0, Math.min(Fix.MAX_ACCURACY_METRES, accuracy))));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new RecordingException(file + ": line " + (i + 1) + ": " + e.getMessage());
            }
        }
        if (points.isEmpty()) {
            throw new RecordingException(file + ": no rows after the header");
        }
        return reports(points, form, shiftStartTo);
    }

    private static List<RecordedMessage> reports(List<Point> points, PayloadForm form, Instant shiftStartTo) {
        Instant earliest = points.stream().map(Point::time).min(Comparator.naturalOrder()).orElseThrow();
        Duration shift = shiftStartTo == null ? Duration.ZERO : Duration.between(earliest, shiftStartTo);
        Map<DeviceId, List<Point>> byDevice = new HashMap<>();
        for (Point p : points) {
            byDevice.computeIfAbsent(p.device(), d -> new ArrayList<>()).add(p);
        }
        List<RecordedMessage> out = new ArrayList<>();
        for (List<Point> track : byDevice.values()) {
            track.sort(Comparator.comparing(Point::time));
            long sequence = (track.get(0).time().plus(shift).getEpochSecond() / 10) & 0xFFFF_FFFFL;
            for (int i = 0; i < track.size(); i++) {
                Point p = track.get(i);
                Point previous = i == 0 ? null : track.get(i - 1);
                Instant at = p.time().plus(shift);
                PositionReport report = new PositionReport(p.device(), sequence, fix(previous, p, at), BATTERY);
                sequence = (sequence + 1) & 0xFFFF_FFFFL;
                out.add(new RecordedMessage(at, Topics.uplink(p.device(), report.type()), form.encode(report)));
            }
        }
        out.sort(Comparator.comparing(RecordedMessage::at));
        return out;
    }

    private static Fix fix(Point previous, Point p, Instant at) {
        double speed = 0;
        double heading = 0;
        if (previous != null) {
            double seconds = Duration.between(previous.time(), p.time()).toMillis() / 1000.0;
            double metres = previous.position().distanceMetres(p.position());
            speed = seconds > 0 ? Math.min(Fix.MAX_SPEED_MPS, metres / seconds) : 0;
            heading = metres > 0 ? previous.position().bearingDegreesTo(p.position()) : 0;
        }
        return new Fix(at, p.position().latitude(), p.position().longitude(), p.accuracy(), FixSource.GNSS, speed, heading);
    }

    private static Instant time(String text) {
        return OffsetDateTime.parse(text).toInstant();
    }

    /** A GPX trkpt being read. */
    private static final class GpxPoint {
        final int line;
        final String lat;
        final String lon;
        String time;
        String hdop;

        GpxPoint(int line, String lat, String lon) {
            this.line = line;
            this.lat = lat;
            this.lon = lon;
        }

        Point toPoint(Path file, DeviceId device) throws RecordingException {
            if (lat == null || lon == null || time == null) {
                throw new RecordingException(file + ": line " + line + ": trkpt needs lat, lon and a time");
            }
            try {
                int accuracy = hdop == null ? DEFAULT_ACCURACY
                        : (int) Math.min(Fix.MAX_ACCURACY_METRES, Math.round(Double.parseDouble(hdop) * 5));
                return new Point(line, device, time(time),
                        new GeoPoint(Double.parseDouble(lat), Double.parseDouble(lon)), accuracy);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new RecordingException(file + ": line " + line + ": " + e.getMessage());
            }
        }
    }
}
