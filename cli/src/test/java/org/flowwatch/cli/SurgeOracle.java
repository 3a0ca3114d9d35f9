package org.flowwatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;

/**
 * SURGE episodes as the rule reads in the settings' documentation, worked out here from the sites app's committed
 * ledger inputs (in their committed order) without the topology: people per post and per region in 5-minute buckets
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

    private enum Level { NORMAL, WARNING, CRITICAL }

    private record Episode(String alertId, int version, Level level) {
    }

    private final double fixedLevel;
    private final double baselineFactor;
    private final double baselineMin;
    private final double margin;
    private final Map<String, TreeMap<Long, Long>> people = new HashMap<>();
    private final Map<String, Episode> open = new TreeMap<>();
    private final Map<String, List<String>> changes = new TreeMap<>();

    private SurgeOracle(Settings settings) {
        fixedLevel = settings.decimal("sites.surge.people.per.hour");
        baselineFactor = settings.decimal("sites.surge.baseline.factor");
        baselineMin = settings.decimal("sites.surge.baseline.min.per.hour");
        margin = settings.decimal("sites.surge.margin");
    }

    /** Every change of every SURGE episode, {@code version state severity people-in-the-last-hour}, per alertId. */
    static Map<String, List<String>> changes(Settings settings, FlowwatchSerdes serdes, Function<String, String> regionOfPost) {
        SurgeOracle oracle = new SurgeOracle(settings);
        String ledgerInputs = org.flowwatch.streams.sites.SitesSettings.from(settings).kafkaStreams()
                .getProperty(org.apache.kafka.streams.StreamsConfig.APPLICATION_ID_CONFIG) + "-site-inputs-repartition";
        var value = serdes.avro(SiteInput.class).deserializer();
        long streamTime = Long.MIN_VALUE;
        try (var reader = new CommittedReader<>(settings, ledgerInputs, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            for (ConsumerRecord<String, byte[]> record : reader.drain()) {
                streamTime = Math.max(streamTime, record.timestamp());
                if (value.deserialize(ledgerInputs, record.value()).getEvent() instanceof CrossingEvent crossing) {
                    oracle.crossed(crossing, regionOfPost.apply(crossing.getPostId()), streamTime);
                }
            }
        }
        return oracle.changes;
    }

    /** The same from the alerts the app raised: its SURGE changes in the same form. */
    static Map<String, List<String>> raised(List<Alert> alerts) {
        Map<String, List<String>> raised = new TreeMap<>();
        alerts.stream().filter(alert -> alert.getKind() == AlertKind.SURGE)
                .sorted(Comparator.comparing(Alert::getAlertId).thenComparing(Alert::getVersion))
                .forEach(alert -> raised.computeIfAbsent(alert.getAlertId(), id -> new ArrayList<>()).add(alert.getVersion() + " "
                        + alert.getState() + " " + alert.getSeverity() + " " + Math.round(alert.getEvidence().get("arrivalsLastHour"))));
        return raised;
    }

    private void crossed(CrossingEvent crossing, String region, long now) {
        List<String> scopes = new ArrayList<>(List.of("post/" + crossing.getPostId()));
        if (region != null) {
            scopes.add("region/" + region);
        }
        long bucket = bucketOf(crossing.getOccurredAt().toEpochMilli());
        scopes.forEach(scope -> people.computeIfAbsent(scope, s -> new TreeMap<>()).merge(bucket, (long) crossing.getPeople(), Long::sum));
        scopes.forEach(scope -> judge(scope, now));
        new ArrayList<>(open.keySet()).stream().filter(scope -> !scopes.contains(scope)).forEach(scope -> judge(scope, now));
    }

    private void judge(String scope, long now) {
        long current = bucketOf(now);
        long lastHour = sum(scope, current - HOUR + BUCKET, current);
        double baseline = sum(scope, current - HOUR - DAY + BUCKET, current - HOUR) / 24.0;
        double level = baseline >= baselineMin ? Math.min(fixedLevel, baselineFactor * baseline) : fixedLevel;
        Episode episode = open.get(scope);
        Level was = episode == null ? Level.NORMAL : episode.level();
        Level raw = levelOf(lastHour, level);
        Level next = raw.compareTo(was) >= 0 ? raw : max(raw, min(was, levelOf(lastHour * (1 + margin), level)));
        if (next == was) {
            return;
        }
        String alertId = episode == null ? "SURGE/" + scope + "/" + Instant.ofEpochMilli(now) : episode.alertId();
        int version = episode == null ? 1 : episode.version() + 1;
        String state = episode == null ? "OPEN" : next == Level.NORMAL ? "RESOLVED" : next.compareTo(was) > 0 ? "ESCALATED" : "DE_ESCALATED";
        Level severity = next == Level.NORMAL ? was : next;
        changes.computeIfAbsent(alertId, id -> new ArrayList<>()).add(version + " " + state + " " + severity + " " + lastHour);
        if (next == Level.NORMAL) {
            open.remove(scope);
        } else {
            open.put(scope, new Episode(alertId, version, next));
        }
    }

    private static Level levelOf(double lastHour, double level) {
        return lastHour >= 2 * level ? Level.CRITICAL : lastHour >= level ? Level.WARNING : Level.NORMAL;
    }

    private static Level max(Level a, Level b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Level min(Level a, Level b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private long sum(String scope, long fromBucket, long toBucket) {
        return people.getOrDefault(scope, new TreeMap<>()).subMap(fromBucket, true, toBucket, true).values().stream()
                .mapToLong(Long::longValue).sum();
    }

    private static long bucketOf(long timestamp) {
        return timestamp - Math.floorMod(timestamp, BUCKET);
    }
}
