package org.flowwatch.producers.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/** What to replay: from when, for how long, how fast, through which post, with which seed. */
public record ReplaySettings(Instant start, Duration length, double speed, long seed, String postId,
                             List<String> destinations) {

    public static final String DEFAULTS = "flowwatch/defaults/replay.properties";

    public static ReplaySettings from(Settings settings) {
        Instant start;
        try {
            start = OffsetDateTime.parse(settings.string("replay.start")).toInstant();
        } catch (RuntimeException e) {
            throw new ConfigException("setting 'replay.start' must be a date-time with offset such as 2023-09-24T12:00:00+04:00");
        }
        int hours = settings.integer("replay.hours");
        if (hours < 1) {
            throw new ConfigException("setting 'replay.hours' must be at least 1, got " + hours);
        }
        double speed = settings.decimal("replay.speed");
        if (speed < 0) {
            throw new ConfigException("setting 'replay.speed' must be 0 (as fast as possible) or more, got " + speed);
        }
        List<String> destinations = Arrays.stream(settings.string("replay.destinations").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ReplaySettings(start, Duration.ofHours(hours), speed, settings.longValue("replay.seed"),
                settings.string("replay.post"), destinations);
    }

    public Instant end() {
        return start.plus(length);
    }
}
