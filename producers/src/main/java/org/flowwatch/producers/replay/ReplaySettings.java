package org.flowwatch.producers.replay;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * What to replay: from when, for how long, how fast, through which posts to which sites, with which seed, which
 * faults of the field to play (resends, a post's silence), and how people move on from the sites.
 */
public record ReplaySettings(Instant start, Duration length, double speed, long seed, List<String> posts,
                             List<String> destinations, double resendShare, Optional<Silence> silence,
                             Duration heartbeatInterval, boolean supplies, Optional<Path> truthFile, Transit transit) {

    public static final String DEFAULTS = "flowwatch/defaults/replay.properties";

    public static ReplaySettings from(Settings settings) {
        Instant start;
        try {
            start = OffsetDateTime.parse(settings.string("replay.start")).toInstant();
        } catch (RuntimeException e) {
            throw new ConfigException("setting 'replay.start' must be a date-time with offset such as 2023-09-24T12:00:00+04:00");
        }
        double resendShare = settings.decimal("replay.resend.share");
        if (resendShare < 0 || resendShare > 1) {
            throw new ConfigException("setting 'replay.resend.share' must be between 0 and 1, got " + resendShare);
        }
        List<String> posts = list(settings, "replay.post");
        Optional<Silence> silence = settings.optional("replay.silence.post").map(post -> new Silence(post,
                start.plus(settings.duration("replay.silence.after")), settings.duration("replay.silence.length")));
        if (silence.isPresent() && !posts.contains(silence.get().postId())) {
            throw new ConfigException("setting 'replay.silence.post' names '" + silence.get().postId() + "', not one of replay.post " + posts);
        }
        return new ReplaySettings(start, length(settings, start), speed(settings), settings.longValue("replay.seed"), posts,
                list(settings, "replay.destinations"), resendShare, silence, settings.duration("replay.heartbeat.interval"),
                settings.bool("replay.supplies"), settings.optional("replay.truth.file").map(Path::of), Transit.from(settings));
    }

    /** The same replay with none of the field's faults, no supplies and no departures: plain crossings only. */
    public ReplaySettings plain() {
        return new ReplaySettings(start, length, speed, seed, posts, destinations, 0, Optional.empty(), heartbeatInterval,
                false, truthFile, new Transit(false, transit.medianStay(), transit.housingShare()));
    }

    public Instant end() {
        return start.plus(length);
    }

    private static Duration length(Settings settings, Instant start) {
        String hours = settings.string("replay.hours");
        if (hours.equalsIgnoreCase("all")) {
            List<CurvePoint> points = ArrivalsCurve.reported2023().points();
            return Duration.between(start, points.get(points.size() - 1).at()).plusHours(1).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        }
        int count = settings.integer("replay.hours");
        if (count < 1) {
            throw new ConfigException("setting 'replay.hours' must be at least 1 or 'all', got " + count);
        }
        return Duration.ofHours(count);
    }

    private static double speed(Settings settings) {
        String value = settings.string("replay.speed").toLowerCase(Locale.ROOT);
        double speed = switch (value) {
            case "realtime", "real-time" -> 1;
            case "day-a-minute" -> 1440;
            case "max", "fastest" -> 0;
            default -> settings.decimal("replay.speed");
        };
        if (speed < 0) {
            throw new ConfigException("setting 'replay.speed' must be 0 (as fast as possible) or more, got " + speed);
        }
        return speed;
    }

    private static List<String> list(Settings settings, String key) {
        List<String> values = Arrays.stream(settings.string(key).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (values.isEmpty()) {
            throw new ConfigException("setting '" + key + "' needs at least one site id");
        }
        return values;
    }

    /** {@code postId} sends nothing from {@code from} for {@code length}, then delivers what it recorded meanwhile. */
    public record Silence(String postId, Instant from, Duration length) {

        public Instant until() {
            return from.plus(length);
        }

        boolean covers(String post, Instant at) {
            return post.equals(postId) && !at.isBefore(from) && at.isBefore(until());
        }
    }

    /**
     * People moving on from the destination sites ({@code replay.departures}): half of them within {@code medianStay},
     * {@code housingShare} of them to state housing, the rest onward.
     */
    public record Transit(boolean departures, Duration medianStay, double housingShare) {

        static Transit from(Settings settings) {
            Duration median = settings.duration("replay.stay.median");
            if (median.isZero() || median.isNegative()) {
                throw new ConfigException("setting 'replay.stay.median' must be more than 0, got " + median);
            }
            double share = settings.decimal("replay.housing.share");
            if (share < 0 || share > 1) {
                throw new ConfigException("setting 'replay.housing.share' must be between 0 and 1, got " + share);
            }
            return new Transit(settings.bool("replay.departures"), median, share);
        }
    }
}
