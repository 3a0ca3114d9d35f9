package org.flowwatch.producers.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The reported cumulative arrivals of September 2023 (karabakh-2023-arrivals.csv, local time UTC+04:00), with a
 * zero point added where the replay starts: the corridor opened on 24 September and the first figure (1,510 by
 * 23:59) covers that afternoon, so arrivals are spread from {@link #OPENING}.
 */
public final class ArrivalsCurve {

    public static final String RESOURCE = "flowwatch/scenario/karabakh-2023-arrivals.csv";
    public static final ZoneOffset ARMENIA = ZoneOffset.ofHours(4);
    public static final Instant OPENING = LocalDateTime.parse("2023-09-24T12:00").toInstant(ARMENIA);

    private final List<CurvePoint> points;

    private ArrivalsCurve(List<CurvePoint> points) {
        this.points = List.copyOf(points);
    }

    public static ArrivalsCurve reported2023() {
        try (InputStream in = ArrivalsCurve.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ArrivalsCurve parse(InputStream csv) throws IOException {
        List<CurvePoint> points = new ArrayList<>(List.of(new CurvePoint(OPENING, 0)));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
            reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("local_time"))
                    .map(line -> line.split(",", -1))
                    .forEach(cells -> points.add(new CurvePoint(
                            LocalDateTime.parse(cells[0]).toInstant(ARMENIA), Long.parseLong(cells[1]))));
        }
        return new ArrivalsCurve(points);
    }

    public List<CurvePoint> points() {
        return points;
    }

    /** Cumulative people by {@code at}, interpolated linearly between reported figures. */
    public double cumulativeAt(Instant at) {
        if (!at.isAfter(points.get(0).at())) {
            return 0;
        }
        for (int i = 1; i < points.size(); i++) {
            CurvePoint before = points.get(i - 1);
            CurvePoint after = points.get(i);
            if (!at.isAfter(after.at())) {
                double share = (double) Duration.between(before.at(), at).toMillis()
                        / Duration.between(before.at(), after.at()).toMillis();
                return before.cumulativePeople() + share * (after.cumulativePeople() - before.cumulativePeople());
            }
        }
        return points.get(points.size() - 1).cumulativePeople();
    }

    /** Whole people arriving in [start, end): differences of rounded cumulative figures, so hours add up exactly. */
    public long peopleBetween(Instant start, Instant end) {
        return Math.round(cumulativeAt(end)) - Math.round(cumulativeAt(start));
    }
}
