package org.flowwatch.streams.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.Threshold;
import org.flowwatch.schemas.avro.VulnerablePeople;
import org.flowwatch.streams.sites.alerts.Reading;
import org.flowwatch.streams.sites.alerts.Sentences;

/**
 * SHORTAGE (days of cover, or space per person, under the site's thresholds) and CAPACITY (population against the
 * site's capacity) alerts, judged on every new site status and, on a wall-clock schedule, again on every status
 * (so a threshold changed at run time applies without waiting for the next supply or arrival).
 */
final class SiteAlertsProcessor implements Processor<String, SiteStatus, String, Alert> {

    static final String ALERTS_STORE = "site-alerts-store";

    private final AlertRules rules;
    private final SiteModel model;
    private final Duration reevaluateEvery;
    private ProcessorContext<String, Alert> context;
    private EpisodeBook episodes;
    private KeyValueStore<String, SiteStatus> statuses;
    private ReferenceData reference;

    SiteAlertsProcessor(AlertRules rules, SiteModel model, Duration reevaluateEvery) {
        this.rules = rules;
        this.model = model;
        this.reevaluateEvery = reevaluateEvery;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        episodes = new EpisodeBook(context.getStateStore(ALERTS_STORE));
        statuses = context.getStateStore(SiteLedgerProcessor.STATUS_STORE);
        reference = ReferenceData.in(context, rules);
        context.schedule(reevaluateEvery, PunctuationType.WALL_CLOCK_TIME, now -> judgeAll());
    }

    @Override
    public void process(Record<String, SiteStatus> record) {
        judge(record.value(), record.value().getUpdatedAt());
    }

    private void judgeAll() {
        List<SiteStatus> all = new ArrayList<>();
        try (KeyValueIterator<String, SiteStatus> iterator = statuses.all()) {
            iterator.forEachRemaining((KeyValue<String, SiteStatus> entry) -> all.add(entry.value));
        }
        long streamTime = context.currentStreamTimeMs();
        all.forEach(status -> judge(status, Instant.ofEpochMilli(Math.max(streamTime, status.getUpdatedAt().toEpochMilli()))));
    }

    private void judge(SiteStatus status, Instant at) {
        judgeOccupancy(status, at);
        judgeUnreported(status, at);
        status.getItems().stream().filter(ItemStatus::getReported).forEach(item -> {
            judgeShortage(status, item, at);
            judgeRunOut(status, item, at);
        });
    }

    private void judgeRunOut(SiteStatus status, ItemStatus item, Instant at) {
        if (item.getBasis() != NeedBasis.DAILY_CONSUMPTION || reference.item(status.getSiteId(), item.getItemId()).isEmpty()) {
            return;
        }
        Double hours = item.getHoursToRunOut();
        Map<String, Double> evidence = new HashMap<>(vulnerableEvidence(status));
        // No run-out within the horizon: the keys are left out (a receiver must not read a huge number as hours).
        putIfKnown(evidence, "hoursToRunOut", hours);
        putIfKnown(evidence, "runsOutAtEpochSeconds", item.getRunsOutAt() == null ? null : (double) item.getRunsOutAt().getEpochSecond());
        putIfKnown(evidence, "earliestHours", hoursFrom(status, item.getRunsOutEarliest()));
        putIfKnown(evidence, "latestHours", hoursFrom(status, item.getRunsOutLatest()));
        evidence.put("stock", item.getStock());
        evidence.put("population", (double) status.getPopulation());
        evidence.put("warningHours", model.runOutWarningHours());
        evidence.put("criticalHours", model.runOutCriticalHours());
        Reading reading = new Reading("RUN_OUT/" + status.getSiteId() + "/" + item.getItemId(), AlertKind.RUN_OUT, at,
                Map.of("site", status.getSiteId(), "region", status.getAdm1Code(), "item", item.getItemId()), evidence,
                () -> Sentences.runOut(status, item, model.zone()) + Sentences.vulnerable(status, model.vulnerableMention()));
        episodes.assess(reading, model.runOut(rules.margin()), hours == null ? Double.POSITIVE_INFINITY : hours)
                .ifPresent(this::forward);
    }

    private void judgeUnreported(SiteStatus status, Instant at) {
        List<String> missing = status.getItems().stream().filter(item -> !item.getReported()).map(ItemStatus::getItemId).toList();
        double hours = missing.isEmpty() || status.getHeldSince() == null ? 0
                : Duration.between(status.getHeldSince(), at).toMillis() / 3.6e6;
        Reading reading = new Reading("UNREPORTED/" + status.getSiteId(), AlertKind.UNREPORTED, at,
                Map.of("site", status.getSiteId(), "region", status.getAdm1Code(), "items", String.join(",", missing)),
                Map.of("population", (double) status.getPopulation(), "hoursUnreported", hours),
                () -> Sentences.unreported(status.getName(), missing, status.getPopulation(), hours));
        episodes.assess(reading, model.unreported(), hours).ifPresent(this::forward);
    }

    private static Double hoursFrom(SiteStatus status, Instant time) {
        return time == null ? null : Math.round(Duration.between(status.getUpdatedAt(), time).toMillis() / 3.6e5) / 10.0;
    }

    private static void putIfKnown(Map<String, Double> evidence, String key, Double value) {
        if (value != null) {
            evidence.put(key, value);
        }
    }

    private static Map<String, Double> vulnerableEvidence(SiteStatus status) {
        VulnerablePeople v = status.getVulnerable();
        return v == null ? Map.of() : Map.of("unaccompaniedChildren", (double) v.getUnaccompaniedChildren(),
                "disabled", (double) v.getDisabled(), "needsMedicalCare", (double) v.getNeedsMedicalCare(),
                "pregnant", (double) v.getPregnant(), "over60", (double) v.getOver60());
    }

    private void judgeOccupancy(SiteStatus status, Instant at) {
        Integer capacity = status.getCapacityPeople();
        double occupancy = capacity == null || capacity <= 0 ? 0 : (double) status.getPopulation() / capacity;
        Supplier<String> summary = () -> capacity == null || capacity <= 0 ? status.getName() + ": no capacity set"
                : Sentences.occupancy(status.getName(), status.getPopulation(), capacity);
        Reading reading = new Reading("CAPACITY/" + status.getSiteId(), AlertKind.CAPACITY, at,
                Map.of("site", status.getSiteId(), "region", status.getAdm1Code()),
                Map.of("population", (double) status.getPopulation(), "capacity", capacity == null ? 0.0 : capacity,
                        "occupancy", occupancy, "warning", rules.capacityWarning(), "critical", rules.capacityCritical()),
                summary);
        episodes.assess(reading, rules.occupancy(), occupancy).ifPresent(this::forward);
    }

    private void judgeShortage(SiteStatus status, ItemStatus item, Instant at) {
        Double cover = DaysOfCover.coverReading(item);
        Item definition = reference.item(status.getSiteId(), item.getItemId()).orElse(null);
        if (definition == null) {
            return; // the item was removed from the reference data: nothing to judge it against
        }
        Threshold threshold = reference.threshold(status.getSiteId(), definition);
        boolean shared = item.getBasis() == NeedBasis.CAPACITY;
        Supplier<String> summary = () -> shared ? Sentences.perPerson(status.getName(), item, status.getPopulation())
                : cover == null ? status.getName() + ": no " + item.getItemId() + " needed"
                : Sentences.daysOfCover(status.getName(), item, status.getPopulation())
                        + Sentences.vulnerable(status, model.vulnerableMention());
        Reading reading = new Reading("SHORTAGE/" + status.getSiteId() + "/" + item.getItemId(), AlertKind.SHORTAGE, at,
                Map.of("site", status.getSiteId(), "region", status.getAdm1Code(), "item", item.getItemId()),
                Map.of(shared ? "shareOfMinimum" : "daysOfCover", cover == null ? Double.MAX_VALUE : cover,
                        "stock", item.getStock(), "population", (double) status.getPopulation(),
                        "warning", threshold.getWarning(), "critical", threshold.getCritical()),
                summary);
        episodes.assess(reading, rules.shortage(threshold), cover == null ? Double.POSITIVE_INFINITY : cover)
                .ifPresent(this::forward);
    }

    private void forward(Alert alert) {
        context.forward(new Record<>(alert.getAlertId(), alert, alert.getUpdatedAt().toEpochMilli()));
    }
}
