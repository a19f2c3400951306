package org.shouhu.sim.scenario;

import java.util.List;

/** A scenario file that cannot be used; lists every problem found, each with its line number. Permanent. */
public final class ScenarioException extends Exception {

    private final List<String> problems;

    public ScenarioException(String source, List<String> problems) {
        super(source + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
