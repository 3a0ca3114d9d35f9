package org.flowwatch.producers.load;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/** How much load, shaped how, over which event-time span (defaults in load.properties). */
public record LoadSettings(int posts, double rate, Duration duration, LoadSchedule.Pattern pattern, double burstFactor,
                           Duration burstPeriod, Instant start, Duration span, long seed) {

    public static final String DEFAULTS = "flowwatch/defaults/load.properties";

    public static LoadSettings from(Settings settings) {
        int posts = settings.integer("load.posts");
        double rate = settings.decimal("load.rate");
        if (posts < 1 || rate <= 0) {
            throw new ConfigException("settings 'load.posts' and 'load.rate' must be positive, got " + posts + " and " + rate);
        }
        LoadSchedule.Pattern pattern;
        try {
            pattern = LoadSchedule.Pattern.valueOf(settings.string("load.pattern").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'load.pattern' must be steady or bursty");
        }
        double factor = settings.decimal("load.burst.factor");
        if (factor < 1) {
            throw new ConfigException("setting 'load.burst.factor' must be at least 1, got " + factor);
        }
        return new LoadSettings(posts, rate, settings.duration("load.duration"), pattern, factor,
                settings.duration("load.burst.period"), OffsetDateTime.parse(settings.string("load.start")).toInstant(),
                settings.duration("load.span"), settings.longValue("load.seed"));
    }

    public long records() {
        return (long) Math.ceil(rate * duration.toMillis() / 1000.0);
    }
}
