package org.flowwatch.streams.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.streams.sites.alerts.ArrivalBuckets;
import org.flowwatch.streams.sites.alerts.Reading;
import org.flowwatch.streams.sites.alerts.Sentences;

/**
 * SURGE alerts: people arriving at a post, and in the post's region, in the last hour (a rolling hour of event time,
 * in 5-minute buckets) against the surge level: a fixed number, or a multiple of the trailing 24-hour average. A
 * surge still open is judged again on every crossing (of any post), so it resolves once its rolling hour has calmed
 * down. Not on a stream-time punctuator: its schedule starts again from the first record after a restart, so a crash
 * would move when a surge resolves (and whether a new episode opens), which must depend on the inputs alone.
 */
final class SurgeProcessor implements Processor<String, CrossingEvent, String, Alert> {

    static final String ARRIVALS_STORE = "surge-arrivals-store";
    static final String ALERTS_STORE = "surge-alerts-store";
    static final Duration BUCKET = Duration.ofMinutes(5);
    static final Duration RETENTION = Duration.ofHours(26);
    private static final Duration HOUR = Duration.ofHours(1);
    private static final Duration BASELINE = Duration.ofHours(24);

    private final AlertRules rules;
    private ProcessorContext<String, Alert> context;
    private ArrivalBuckets buckets;
    private EpisodeBook episodes;
    private ReferenceData reference;
    private long judgedEveryOpenIn = Long.MIN_VALUE;

    SurgeProcessor(AlertRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        buckets = new ArrivalBuckets(context.getStateStore(ARRIVALS_STORE), BUCKET, HOUR.plus(BASELINE));
        episodes = new EpisodeBook(context.getStateStore(ALERTS_STORE));
        reference = ReferenceData.in(context, rules);
    }

    @Override
    public void process(Record<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        List<String> scopes = new ArrayList<>(List.of("post/" + crossing.getPostId()));
        reference.site(crossing.getPostId()).map(Site::getAdm1Code).ifPresent(region -> scopes.add("region/" + region));
        long now = context.currentStreamTimeMs();
        scopes.forEach(scope -> buckets.add(scope, crossing.getOccurredAt().toEpochMilli(), crossing.getPeople(), now));
        scopes.forEach(scope -> judge(scope, now));
        // A surging scope no crossing reached reads the same until the last hour moves on to a new bucket of stream
        // time: judged then, not on every crossing (with 50 posts surging that was 100 range reads per crossing and
        // alerts a minute late at 1,000 crossings/s). After a restart it is judged once more: the same reading.
        if (buckets.bucketOf(now) != judgedEveryOpenIn) {
            judgedEveryOpenIn = buckets.bucketOf(now);
            episodes.open().stream().map(alert -> alert.getLabels().get("scope")).filter(scope -> !scopes.contains(scope))
                    .forEach(scope -> judge(scope, now));
        }
    }

    private void judge(String scope, long now) {
        long current = buckets.bucketOf(now);
        long lastHour = buckets.sum(scope, current - HOUR.toMillis() + BUCKET.toMillis(), current, now);
        double baseline = buckets.sum(scope, current - HOUR.toMillis() - BASELINE.toMillis() + BUCKET.toMillis(),
                current - HOUR.toMillis(), now) / (double) BASELINE.toHours();
        double surgeLevel = rules.surgeLevel(baseline);
        String[] kindAndId = scope.split("/", 2);
        Reading reading = new Reading("SURGE/" + scope, AlertKind.SURGE, Instant.ofEpochMilli(now),
                Map.of("scope", scope, kindAndId[0], kindAndId[1]),
                Map.of("arrivalsLastHour", (double) lastHour, "trailingAveragePerHour", baseline, "surgeLevel", surgeLevel),
                () -> Sentences.surge(kindAndId[0].equals("post") ? reference.nameOf(kindAndId[1]) : kindAndId[1], lastHour,
                        surgeLevel, baseline));
        episodes.assess(reading, rules.surge(surgeLevel), lastHour)
                .ifPresent(alert -> context.forward(new Record<>(alert.getAlertId(), alert, now)));
    }
}
