package org.flowwatch.streams.sites.alerts;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.flowwatch.schemas.avro.AlertKind;

/**
 * What one evaluation saw: which episode it is about ({@code episodeKey}, e.g. {@code SHORTAGE/goris/water}), when,
 * the labels and evidence values, and the human sentence (written only for a reading that changes its episode: most
 * readings change nothing, and formatting the sentence was a seventh of the sites app's time under load).
 */
public record Reading(String episodeKey, AlertKind kind, Instant at, Map<String, String> labels,
                      Map<String, Double> evidence, Supplier<String> summary) {

    public Reading {
        labels = Map.copyOf(labels);
        evidence = Map.copyOf(evidence);
    }
}
