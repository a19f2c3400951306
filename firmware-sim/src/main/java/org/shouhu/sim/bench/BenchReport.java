package org.shouhu.sim.bench;

import java.time.Duration;
import java.util.Locale;
import org.shouhu.sim.internal.DurationText;

/**
 * The figures of one bench run, each platform figure next to the raw limit measured in the same run.
 *
 * @param bands            publishing connections
 * @param brokerRaw        QoS 1 messages per second the plain subscriber received (broker alone)
 * @param copyRaw          rows per second committed by binary COPY (database alone)
 * @param ingest           position rows per second the platform committed
 * @param ingestPublished  messages the broker acknowledged to the publishers in the platform window
 * @param platformAcked    position reports the broker acknowledged in the whole platform phase (with warm-up)
 * @param platformStored   rows the platform stored from them once its backlog drained
 * @param sosLoad          the rate driven during the SOS phase
 * @param sosP50           median SOS press-to-police latency
 * @param sosP99           99th percentile of it
 * @param sosMax           the largest
 * @param sosPressed       presses
 * @param sosMissing       presses with no CAP Alert at the receiver within the timeout
 */
public record BenchReport(int bands, Rate brokerRaw, Rate copyRaw, Rate ingest, Rate ingestPublished,
                          long platformAcked, long platformStored, double sosLoad,
                          Duration sosP50, Duration sosP99, Duration sosMax, int sosPressed, int sosMissing) {

    /** Target: the platform commits at least this share of the broker's raw QoS 1 rate. */
    public static final double INGEST_TARGET = 0.80;
    /** Target: SOS p99 press-to-police at half load. */
    public static final Duration SOS_P99_TARGET = Duration.ofMillis(20);

    public boolean targetsMet() {
        return ingest.ratioTo(brokerRaw) >= INGEST_TARGET && sosMissing == 0 && platformStored >= platformAcked
                && sosP99.compareTo(SOS_P99_TARGET) < 0;
    }

    public String format() {
        return String.join(System.lineSeparator(),
                "Bench results (" + bands + " publishing bands, QoS 1)",
                line("broker raw (QoS 1, plain subscriber)", brokerRaw, "msg/s", ""),
                line("COPY raw (binary, scratch table)", copyRaw, "rows/s", ""),
                line("platform ingest (rows committed)", ingest, "rows/s",
                        String.format(Locale.ROOT, "%5.1f %% of broker raw (target >= %.0f %%), %5.1f %% of COPY raw",
                                100 * ingest.ratioTo(brokerRaw), 100 * INGEST_TARGET, 100 * ingest.ratioTo(copyRaw))),
                line("  published meanwhile (acked)", ingestPublished, "msg/s",
                        String.format(Locale.ROOT, "%5.1f %% of broker raw", 100 * ingestPublished.ratioTo(brokerRaw))),
                String.format(Locale.ROOT, "  %-38s %d acknowledged by the broker, %d stored%s", "platform phase total",
                        platformAcked, platformStored, platformStored < platformAcked
                                ? String.format(Locale.ROOT, " (%d lost)", platformAcked - platformStored) : ""),
                String.format(Locale.ROOT, "  %-38s p50 %s  p99 %s  max %s  (%d presses at %.0f msg/s, %d missing; "
                                + "target p99 < %s)", "SOS press to police", DurationText.format(sosP50),
                        DurationText.format(sosP99), DurationText.format(sosMax), sosPressed, sosLoad, sosMissing,
                        DurationText.format(SOS_P99_TARGET)),
                "  targets " + (targetsMet() ? "met" : "MISSED"));
    }

    private static String line(String what, Rate rate, String unit, String ratio) {
        return String.format(Locale.ROOT, "  %-38s %10.0f %-6s (%d in %s)  %s", what, rate.perSecond(), unit,
                rate.count(), DurationText.format(rate.span()), ratio).stripTrailing();
    }
}
