package org.flowwatch.streams.sites.alerts;

import java.time.Instant;
import java.util.Map;
import org.flowwatch.schemas.avro.AlertKind;

/**
 * What one evaluation saw: which episode it is about ({@code episodeKey}, e.g. {@code SHORTAGE/goris/water}), when,
 * the labels and evidence values, and the human sentence.
 */
public record Reading(String episodeKey, AlertKind kind, Instant at, Map<String, String> labels,
                      Map<String, Double> evidence, String summary) {

    public Reading {
        labels = Map.copyOf(labels);
        evidence = Map.copyOf(evidence);
    }
}
