package org.flowwatch.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/** How big and how often: the knobs of {@code flowwatch bench}. */
public record BenchSettings(long events, int posts, Duration span, int repeats, List<String> guarantees, Path outputDir) {

    public static final String DEFAULTS = "flowwatch/defaults/bench.properties";

    public static BenchSettings from(Settings settings) {
        long events = settings.longValue("bench.events");
        int posts = settings.integer("bench.posts");
        int repeats = settings.integer("bench.repeats");
        if (events < 1 || posts < 1 || repeats < 1) {
            throw new ConfigException("bench.events, bench.posts and bench.repeats must each be at least 1");
        }
        List<String> guarantees = Arrays.stream(settings.string("bench.guarantees").split(","))
                .map(String::trim).filter(g -> !g.isEmpty()).toList();
        return new BenchSettings(events, posts, settings.duration("bench.span"), repeats, guarantees,
                settings.path("bench.output.dir"));
    }
}
