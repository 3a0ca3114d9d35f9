package org.flowwatch.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.config.Settings;

/**
 * SURGE episodes as the rule reads in the settings' documentation, worked out here from the sites app's committed
 * ledger inputs ({@link LedgerInputs}, in their committed order) without the topology: people per post and per region in 5-minute buckets
 * of the time they crossed; at every crossing, at the stream time (the latest input's time), each scope of that
 * crossing and each scope with an open surge is judged: the last hour's people against the surge level (the fixed
 * {@code sites.surge.people.per.hour}, or {@code sites.surge.baseline.factor} times the trailing 24 h average when that
 * average is at least {@code sites.surge.baseline.min.per.hour}, whichever is lower), CRITICAL at twice the level,
 * and coming down only once the hour is {@code sites.surge.margin} clear of a level.
 */
final class SurgeOracle {

    private static final long BUCKET = Duration.ofMinutes(5).toMillis();
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long DAY = Duration.ofHours(24).toMillis();

    private final double fixedLevel;
    private final double baselineFactor;
    private final double baselineMin;
    private final double margin;
    private final Map<String, TreeMap<Long, Long>> people = new HashMap<>();
    private final OracleEpisodes episodes = new OracleEpisodes(AlertKind.SURGE);

    private SurgeOracle(Settings settings) {
        fixedLevel = settings.decimal("sites.surge.people.per.hour");
        baselineFactor = settings.decimal("sites.surge.baseline.factor");
        baselineMin = settings.decimal("sites.surge.baseline.min.per.hour");
        margin = settings.decimal("sites.surge.margin");
    }

    /** Every change of every SURGE episode, {@code version state severity people-in-the-last-hour}, per alertId. */
    static Map<String, List<String>> changes(Settings settings, LedgerInputs ledger, Function<String, String> regionOfPost) {
        SurgeOracle oracle = new SurgeOracle(settings);
        long streamTime = Long.MIN_VALUE;
        for (LedgerInputs.Input input : ledger.inputs()) {
            streamTime = Math.max(streamTime, input.timestamp());
            if (input.event() instanceof CrossingEvent crossing) {
                oracle.crossed(crossing, regionOfPost.apply(crossing.getPostId()), streamTime);
            }
        }
        return oracle.episodes.changes();
    }

    /** The same from the alerts the app raised: its SURGE changes in the same form. */
    static Map<String, List<String>> raised(List<Alert> alerts) {
        return OracleEpisodes.raised(alerts, AlertKind.SURGE, "arrivalsLastHour");
    }

    private void crossed(CrossingEvent crossing, String region, long now) {
        List<String> scopes = new ArrayList<>(List.of("post/" + crossing.getPostId()));
        if (region != null) {
            scopes.add("region/" + region);
        }
        long bucket = bucketOf(crossing.getOccurredAt().toEpochMilli());
        scopes.forEach(scope -> people.computeIfAbsent(scope, s -> new TreeMap<>()).merge(bucket, (long) crossing.getPeople(), Long::sum));
        scopes.forEach(scope -> judge(scope, now));
        episodes.openScopes().stream().sorted().filter(scope -> !scopes.contains(scope)).forEach(scope -> judge(scope, now));
    }

    private void judge(String scope, long now) {
        long current = bucketOf(now);
        long lastHour = sum(scope, current - HOUR + BUCKET, current);
        double baseline = sum(scope, current - HOUR - DAY + BUCKET, current - HOUR) / 24.0;
        double level = baseline >= baselineMin ? Math.min(fixedLevel, baselineFactor * baseline) : fixedLevel;
        episodes.judge(scope, levelOf(lastHour, level), levelOf(lastHour * (1 + margin), level), now, lastHour);
    }

    private static OracleEpisodes.Level levelOf(double lastHour, double level) {
        return lastHour >= 2 * level ? OracleEpisodes.Level.CRITICAL : lastHour >= level ? OracleEpisodes.Level.WARNING
                : OracleEpisodes.Level.NORMAL;
    }

    private long sum(String scope, long fromBucket, long toBucket) {
        return people.getOrDefault(scope, new TreeMap<>()).subMap(fromBucket, true, toBucket, true).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private static long bucketOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, BUCKET);
    }
}
