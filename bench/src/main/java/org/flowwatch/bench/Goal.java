package org.flowwatch.bench;

import java.util.Optional;

/** One goal of the performance issue (16) and where we stand: the measured figure and whether it is met; empty when not measured. */
record Goal(String goal, Optional<String> measured, Optional<Boolean> met) {

    static Goal of(String goal, String measured, boolean met) {
        return new Goal(goal, Optional.of(measured), Optional.of(met));
    }

    static Goal notMeasured(String goal) {
        return new Goal(goal, Optional.empty(), Optional.empty());
    }

    String row() {
        return String.format("| %s | %s | %s |%n", goal, measured.orElse("not measured in this run"),
                met.map(m -> m ? "met" : "NOT met").orElse("-"));
    }
}
