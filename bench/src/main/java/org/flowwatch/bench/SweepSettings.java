package org.flowwatch.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.Topics;

/**
 * The knobs of the sweep section ({@code bench.sweep.*}): the crossings per point, the values each dimension takes
 * (one dimension varied at a time, the others at their defaults) and the sizes at which the state on disk is taken.
 */
record SweepSettings(long events, Point base, List<Integer> partitions, List<Integer> posts, List<Duration> spans,
                     List<Integer> instances, List<Long> stateEvents) {


    /** One configuration: the input (partitions of the crossings topic, posts, event-time span) and the instances counting it. */
    record Point(int partitions, int posts, Duration span, int instances) {
    }

    /** What the sweep varies, one at a time: how a point's value reads, as a number (for ratios and plots) and as text. */
    enum Dimension {
        PARTITIONS("input partitions", Point::partitions, p -> Integer.toString(p.partitions())),
        POSTS("posts", Point::posts, p -> String.format("%,d", p.posts())),
        SPAN("event-time span", p -> p.span().toMillis() / 3_600_000.0, p -> span(p.span())),
        INSTANCES("streams instances", Point::instances, p -> Integer.toString(p.instances()));

        private final String label;
        private final ToDoubleFunction<Point> value;
        private final Function<Point, String> text;

        Dimension(String label, ToDoubleFunction<Point> value, Function<Point, String> text) {
            this.label = label;
            this.value = value;
            this.text = text;
        }

        String label() {
            return label;
        }

        /** The point's value in this dimension as a number: spans in hours. */
        double value(Point point) {
            return value.applyAsDouble(point);
        }

        String text(Point point) {
            return text.apply(point);
        }

        String axis() {
            return this == SPAN ? label + " (hours)" : label;
        }
    }

    /** The defaults the sweep varies from: the catalogue's input partitions, {@code bench.posts}, {@code bench.span}, one instance. */
    static SweepSettings from(Settings settings) {
        long events = settings.longValue("bench.sweep.events");
        if (events < 1) {
            throw new ConfigException("setting 'bench.sweep.events' must be at least 1, got " + events);
        }
        Point base = new Point(Topics.CROSSINGS.partitions(), settings.integer("bench.posts"), settings.duration("bench.span"), 1);
        return new SweepSettings(events, base, positive(settings, "bench.sweep.partitions", Integer::parseInt),
                positive(settings, "bench.sweep.posts", Integer::parseInt), positive(settings, "bench.sweep.spans", Settings::parseDuration),
                positive(settings, "bench.sweep.instances", Integer::parseInt), positive(settings, "bench.sweep.state.events", Long::parseLong));
    }

    /** Each dimension's points, smallest value first; the default value is always among them (the shared baseline). */
    Map<Dimension, List<Point>> plan() {
        Map<Dimension, List<Point>> plan = new LinkedHashMap<>();
        plan.put(Dimension.PARTITIONS, points(partitions, base.partitions(),
                v -> new Point(v, base.posts(), base.span(), base.instances())));
        plan.put(Dimension.POSTS, points(posts, base.posts(), v -> new Point(base.partitions(), v, base.span(), base.instances())));
        plan.put(Dimension.SPAN, points(spans, base.span(), v -> new Point(base.partitions(), base.posts(), v, base.instances())));
        plan.put(Dimension.INSTANCES, points(instances, base.instances(),
                v -> new Point(base.partitions(), base.posts(), base.span(), v)));
        return plan;
    }

    private static <T extends Comparable<T>> List<Point> points(List<T> values, T base, Function<T, Point> point) {
        TreeSet<T> all = new TreeSet<>(values);
        all.add(base);
        return all.stream().map(point).toList();
    }

    static String span(Duration span) {
        if (span.toHours() > 0 && span.toHours() % 24 == 0) {
            return span.toDays() + " d";
        }
        return span.toMinutes() % 60 == 0 ? span.toHours() + " h" : span.toString();
    }

    private static <T extends Comparable<T>> List<T> positive(Settings settings, String key, Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String item : Arrays.stream(settings.string(key).split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList()) {
            T value;
            try {
                value = parse.apply(item);
            } catch (RuntimeException e) {
                throw new ConfigException("setting '" + key + "' takes a comma-separated list, got '" + item + "' in '"
                        + settings.string(key) + "'");
            }
            if (value instanceof Number n && n.longValue() < 1 || value instanceof Duration d && (d.isNegative() || d.isZero())) {
                throw new ConfigException("setting '" + key + "' takes values above 0, got '" + item + "'");
            }
            values.add(value);
        }
        if (values.isEmpty()) {
            throw new ConfigException("setting '" + key + "' needs at least one value");
        }
        return List.copyOf(values);
    }
}
