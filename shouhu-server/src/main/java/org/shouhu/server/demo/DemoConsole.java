package org.shouhu.server.demo;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** What the demo tells the person watching it: numbered steps and indented details, with the time. */
final class DemoConsole {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final PrintStream out;
    private int step;

    DemoConsole(PrintStream out) {
        this.out = out;
    }

    void step(String text) {
        out.printf("%n[%s] %d. %s%n", LocalTime.now().format(TIME), ++step, text);
    }

    void detail(String text) {
        out.printf("             %s%n", text);
    }
}
