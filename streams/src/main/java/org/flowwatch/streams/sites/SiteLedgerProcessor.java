package org.flowwatch.streams.sites;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;

/**
 * The ledger of every site: population from routed arrivals and movements, stock per item from supplies, and the
 * site status (with days of cover) that follows. A status is forwarded only when it changed. Reference data
 * (sites, items) can change at any time: a wall-clock punctuator recomputes every status with the current figures.
 */
final class SiteLedgerProcessor implements Processor<String, SiteInput, String, LedgerOutcome> {

    static final String POPULATION_STORE = "site-population-store";
    static final String STOCK_STORE = "site-stock-store";
    static final String STATUS_STORE = "site-status-store";

    private final AlertRules rules;
    private final Duration reevaluateEvery;
    private ProcessorContext<String, LedgerOutcome> context;
    private KeyValueStore<String, Long> population;
    private KeyValueStore<String, Double> stock;
    private KeyValueStore<String, SiteStatus> statuses;
    private ReferenceData reference;
    private LedgerRules ledgerRules;

    SiteLedgerProcessor(AlertRules rules, Duration reevaluateEvery) {
        this.rules = rules;
        this.reevaluateEvery = reevaluateEvery;
    }

    @Override
    public void init(ProcessorContext<String, LedgerOutcome> context) {
        this.context = context;
        population = context.getStateStore(POPULATION_STORE);
        stock = context.getStateStore(STOCK_STORE);
        statuses = context.getStateStore(STATUS_STORE);
        reference = ReferenceData.in(context, rules);
        ledgerRules = new LedgerRules(reference::site, this::populationOf);
        context.schedule(reevaluateEvery, PunctuationType.WALL_CLOCK_TIME, now -> refreshAll());
    }

    @Override
    public void process(Record<String, SiteInput> record) {
        LedgerChange change = decide(record.value().getEvent());
        if (change.isRefused()) {
            context.forward(record.withValue(LedgerOutcome.rejected(record.value())).withHeaders(reasons(record, change)));
            return;
        }
        List<String> touched = new ArrayList<>();
        change.population().forEach(delta -> {
            population.put(delta.siteId(), populationOf(delta.siteId()) + delta.people());
            touched.add(delta.siteId());
        });
        if (change.stock() != null) {
            stock.put(ReferenceData.siteItemKey(change.stock().siteId(), change.stock().itemId()), change.stock().level());
            touched.add(change.stock().siteId());
        }
        touched.forEach(siteId -> refresh(siteId, record.timestamp()));
    }

    private LedgerChange decide(Object event) {
        if (event instanceof CrossingEvent crossing) {
            return ledgerRules.arrival(crossing);
        }
        if (event instanceof SiteMovement movement) {
            return ledgerRules.movement(movement);
        }
        SupplyEvent supply = (SupplyEvent) event;
        return ledgerRules.supply(supply, reference.item(supply.getSiteId(), supply.getItem()),
                itemId -> Optional.ofNullable(stock.get(ReferenceData.siteItemKey(supply.getSiteId(), itemId))).orElse(0.0));
    }

    private void refreshAll() {
        List<SiteStatus> known = new ArrayList<>();
        try (KeyValueIterator<String, SiteStatus> all = statuses.all()) {
            all.forEachRemaining((KeyValue<String, SiteStatus> entry) -> known.add(entry.value));
        }
        long streamTime = context.currentStreamTimeMs();
        known.forEach(status -> refresh(status.getSiteId(), Math.max(streamTime, status.getUpdatedAt().toEpochMilli())));
    }

    private void refresh(String siteId, long timestamp) {
        Optional<Site> site = reference.site(siteId);
        if (site.isEmpty()) {
            return; // removed from the reference data since: its last status stands
        }
        SiteStatus fresh = statusOf(site.get(), Instant.ofEpochMilli(timestamp));
        SiteStatus before = statuses.get(siteId);
        if (before != null && SiteStatus.newBuilder(fresh).setUpdatedAt(before.getUpdatedAt()).build().equals(before)) {
            return;
        }
        statuses.put(siteId, fresh);
        context.forward(new Record<>(siteId, LedgerOutcome.status(fresh), timestamp));
    }

    private SiteStatus statusOf(Site site, Instant at) {
        long people = populationOf(site.getSiteId());
        List<ItemStatus> items = new ArrayList<>();
        String prefix = site.getSiteId() + "/";
        try (KeyValueIterator<String, Double> stocks = stock.prefixScan(prefix, Serdes.String().serializer())) {
            stocks.forEachRemaining((KeyValue<String, Double> entry) -> reference
                    .item(site.getSiteId(), entry.key.substring(prefix.length()))
                    .ifPresent(item -> items.add(DaysOfCover.of(item, entry.value, people))));
        }
        return SiteStatus.newBuilder()
                .setSiteId(site.getSiteId()).setName(site.getName()).setAdm1Code(site.getAdm1Code())
                .setPopulation(people).setCapacityPeople(site.getCapacityPeople())
                .setItems(items).setUpdatedAt(at)
                .build();
    }

    private long populationOf(String siteId) {
        Long people = population.get(siteId);
        return people == null ? 0 : people;
    }

    private static RecordHeaders reasons(Record<String, SiteInput> record, LedgerChange change) {
        SiteInput input = record.value();
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add("flowwatch.reject.reason", bytes(change.reason()));
        headers.add("flowwatch.reject.rule", bytes(change.rule()));
        headers.add("flowwatch.source.topic", bytes(input.getSourceTopic()));
        headers.add("flowwatch.source.partition", bytes(String.valueOf(input.getSourcePartition())));
        headers.add("flowwatch.source.offset", bytes(String.valueOf(input.getSourceOffset())));
        return headers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
