package org.flowwatch.producers.replay;

import java.time.Instant;

/** One reported figure: by {@code at}, {@code cumulativePeople} had arrived in total. */
public record CurvePoint(Instant at, long cumulativePeople) {
}
