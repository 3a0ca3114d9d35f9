package org.flowwatch.streams.sites;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.flowwatch.streams.runtime.errors.RejectHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteHandover;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.streams.sites.ledger.Need;
import org.flowwatch.streams.sites.ledger.OperationClock;
import org.flowwatch.streams.sites.ledger.SiteLedger;
import org.flowwatch.streams.sites.ledger.TransitModel;
import org.flowwatch.streams.sites.ledger.VulnerableCounts;

/**
 * The ledger of every site (population, vulnerable people, stock per item, expected convoys) and the site status
 * that follows, on the operation clock ({@link OperationClock}). Each input moves the sites it touches on to the
 * clock's time (people move on, stock is used up) and then applies; a wall-clock punctuator moves every site on, so
 * stock goes down on a quiet night (see the clock), and picks up reference data changed at run time.
 */
final class SiteLedgerProcessor implements Processor<String, SiteInput, String, LedgerOutcome> {

    static final String LEDGER_STORE = "site-ledger-store";
    static final String CLOCK_STORE = "site-clock-store";
    static final String STATUS_STORE = "site-status-store";
    private static final String CLOCK_KEY = "operation-time";
    private static final String CROSSINGS_CLOCK_KEY = "crossings-time";
    private static final long FORGET_CONVOYS_AFTER_MS = Duration.ofHours(72).toMillis();

    private final AlertRules rules;
    private final SiteModel model;
    private final Duration reevaluateEvery;
    private final int partitions;
    private final OperationClock clock;
    /** When each site's status was last published (operation time): the ones due a refresh are found without a scan. */
    private final Map<String, Long> publishedAt = new HashMap<>();
    private long inputTime = Long.MIN_VALUE;
    /**
     * The latest event time of the crossings applied: what a waiting departure's wait is measured on, not the
     * operation clock. The crossings reach this one partition through their own tasks, often behind the few movements
     * and supplies (a replay at full speed, a busy machine): by the operation clock a departure could wait out its
     * hours before the crossings of its people were even read.
     */
    private long crossingsTime = Long.MIN_VALUE;
    private ProcessorContext<String, LedgerOutcome> context;
    private KeyValueStore<String, SiteLedger> ledgers;
    private KeyValueStore<String, Long> clockStore;
    private KeyValueStore<String, SiteStatus> statuses;
    private ReferenceData reference;
    private LedgerRules ledgerRules;
    private StatusOfSite statusOf;
    private AppliedInputs applied;
    private WaitingDepartures waiting;
    private AppliedCrossings appliedCrossings;
    /** Ledgers being changed by the input at hand, ahead of the store: what the rules must see. */
    private final Map<String, SiteLedger> inFlight = new LinkedHashMap<>();

    SiteLedgerProcessor(AlertRules rules, SiteModel model, Duration reevaluateEvery, int partitions) {
        this.rules = rules;
        this.model = model;
        this.reevaluateEvery = reevaluateEvery;
        this.partitions = partitions;
        this.clock = new OperationClock(model.clockQuietAfter().toMillis());
    }

    /** Why a status is looked at: an input changed the site, time moved on, or the reference data may have changed. */
    private enum Cause { INPUT, TIME, REFERENCE }

    @Override
    public void init(ProcessorContext<String, LedgerOutcome> context) {
        this.context = context;
        ledgers = context.getStateStore(LEDGER_STORE);
        clockStore = context.getStateStore(CLOCK_STORE);
        statuses = context.getStateStore(STATUS_STORE);
        reference = ReferenceData.in(context, rules);
        int mine = context.taskId().partition();
        ledgerRules = new LedgerRules(reference::site, siteId -> Optional.ofNullable(inFlight.get(siteId))
                .or(() -> Optional.ofNullable(ledgers.get(siteId))).map(l -> l.counted).orElse(0L),
                siteId -> SitePartitioner.partitionOf(siteId, partitions) == mine);
        statusOf = new StatusOfSite(model);
        applied = new AppliedInputs(context.getStateStore(AppliedInputs.STORE));
        waiting = new WaitingDepartures(context.getStateStore(WaitingDepartures.STORE));
        appliedCrossings = new AppliedCrossings(context.getStateStore(AppliedCrossings.STORE));
        Long saved = clockStore.get(CLOCK_KEY);
        if (saved != null) {
            inputTime = clock.observe(saved, context.currentSystemTimeMs()); // after a restart: on from where it stood
        }
        crossingsTime = Optional.ofNullable(clockStore.get(CROSSINGS_CLOCK_KEY)).orElse(Long.MIN_VALUE);
        try (KeyValueIterator<String, SiteStatus> all = statuses.all()) {
            all.forEachRemaining((KeyValue<String, SiteStatus> entry) -> publishedAt.put(entry.key, entry.value.getUpdatedAt().toEpochMilli()));
        }
        context.schedule(reevaluateEvery, PunctuationType.WALL_CLOCK_TIME, this::moveEverySiteOn);
    }

    @Override
    public void process(Record<String, SiteInput> record) {
        Object event = record.value().getEvent();
        String eventId = AppliedInputs.eventIdOf(event);
        AppliedCrossings.Applied counted = event instanceof CrossingEvent ? appliedCrossings.latest(eventId, record.timestamp()) : null;
        if (event instanceof CrossingEvent crossing ? counted != null && counted.covers(crossing)
                : applied.applied(eventId, record.timestamp())) {
            return; // a resend of an input already applied, or an older revision of a crossing
        }
        long now = clock.observe(record.timestamp(), context.currentSystemTimeMs());
        inputTime = now;
        clockStore.put(CLOCK_KEY, now);
        if (event instanceof CrossingEvent && record.timestamp() > crossingsTime) {
            crossingsTime = record.timestamp();
            clockStore.put(CROSSINGS_CLOCK_KEY, crossingsTime);
        }
        LedgerChange change = counted != null ? ledgerRules.correction(counted, (CrossingEvent) event) : decide(event);
        if (change.isRefused() && WaitingDepartures.mayWaitFor(change, event)) {
            waiting.hold(eventId, record.value());
        } else if (change.isRefused()) {
            context.forward(record.withValue(LedgerOutcome.rejected(record.value()))
                    .withHeaders(reasons(record.headers(), record.value(), change)));
        } else {
            apply(eventId, record.timestamp(), change, now, record.value());
            applyWaitingDeparturesThatFit(now);
            inFlight.forEach((siteId, ledger) -> keep(siteId, ledger, Cause.INPUT));
        }
        deadLetterDeparturesWaitedTooLong(crossingsTime, now);
        refreshDue(now, inFlight.keySet());
        inFlight.clear();
    }

    private void apply(String eventId, long eventTime, LedgerChange change, long now, SiteInput input) {
        Object event = input.getEvent();
        if (event instanceof CrossingEvent crossing) {
            appliedCrossings.remember(eventId, eventTime, AppliedCrossings.Applied.of(crossing, ledgerRules.siteOf(crossing),
                    VulnerableCounts.of(crossing)));
        } else {
            applied.remember(eventId, eventTime);
        }
        Function<String, SiteLedger> atNow = siteId -> inFlight.computeIfAbsent(siteId, id -> movedOn(id, now));
        change.sites().forEach(atNow::apply);
        change.apply().accept(atNow);
        if (change.handover() != null) {
            SiteInput handover = SiteInput.newBuilder(input).setEvent(change.handover()).build();
            context.forward(new Record<>(change.handover().getToSiteId(), LedgerOutcome.handover(handover), eventTime));
        }
    }

    // People just counted at a site may be the ones a waiting departure took away.
    private void applyWaitingDeparturesThatFit(long now) {
        for (KeyValue<String, SiteInput> entry : waiting.all()) {
            LedgerChange change = decide(entry.value.getEvent());
            if (!change.isRefused()) {
                waiting.release(entry.key);
                apply(entry.key, WaitingDepartures.occurredAt(entry.value), change, now, entry.value);
            }
        }
    }

    /** Departures still short of people once the crossings (or, inputs quiet, the operation clock) are past their wait. */
    private void deadLetterDeparturesWaitedTooLong(long waitedUntil, long now) {
        for (KeyValue<String, SiteInput> entry : waiting.all()) {
            if (WaitingDepartures.occurredAt(entry.value) + model.departureWait().toMillis() <= waitedUntil) {
                waiting.release(entry.key);
                LedgerChange refused = decide(entry.value.getEvent());
                LedgerChange why = LedgerChange.refused(refused.rule(), refused.reason() + ", after waiting "
                        + model.departureWait().toHours() + " h for the crossings of those people");
                SiteMovement movement = (SiteMovement) entry.value.getEvent();
                context.forward(new Record<>(movement.getFromSiteId(), LedgerOutcome.rejected(entry.value), now,
                        reasons(new RecordHeaders(), entry.value, why)));
            }
        }
    }

    // Driven by inputs, not by the wall clock, so that the same inputs give the same statuses and alert episodes
    // (after a crash, or in a replay at any speed).
    private void refreshDue(long now, java.util.Set<String> justPublished) {
        List<String> due = publishedAt.entrySet().stream()
                .filter(entry -> !justPublished.contains(entry.getKey()) && now >= entry.getValue() + model.statusRefresh().toMillis())
                .map(Map.Entry::getKey).sorted().toList();
        due.forEach(siteId -> keep(siteId, movedOn(siteId, now), Cause.TIME));
    }

    private LedgerChange decide(Object event) {
        if (event instanceof CrossingEvent crossing) {
            return ledgerRules.arrivalOrNothing(crossing);
        }
        if (event instanceof SiteMovement movement) {
            return ledgerRules.movement(movement);
        }
        if (event instanceof SiteHandover handover) {
            return ledgerRules.handedOver(handover);
        }
        SupplyEvent supply = (SupplyEvent) event;
        return ledgerRules.supply(supply, reference.item(supply.getSiteId(), supply.getItem()));
    }

    /** Inputs quiet for a while: time moves on by the wall clock. Otherwise: only reference data changed at run time. */
    private void moveEverySiteOn(long wallNow) {
        if (!clock.isSet()) {
            return;
        }
        long now = clock.now(wallNow);
        boolean quiet = now > inputTime;
        clockStore.put(CLOCK_KEY, now);
        List<String> known = new ArrayList<>();
        try (KeyValueIterator<String, SiteLedger> all = ledgers.all()) {
            all.forEachRemaining((KeyValue<String, SiteLedger> entry) -> known.add(entry.key));
        }
        known.forEach(siteId -> keep(siteId, movedOn(siteId, now), quiet ? Cause.TIME : Cause.REFERENCE));
        if (quiet) {
            deadLetterDeparturesWaitedTooLong(now, now);
        }
    }

    /** The site's ledger moved on to {@code now}: people moved on by the transit model, stock used up. */
    private SiteLedger movedOn(String siteId, long now) {
        SiteLedger ledger = Optional.ofNullable(ledgers.get(siteId)).orElseGet(SiteLedger::new);
        Optional<Site> site = reference.site(siteId);
        ledger.advanceTo(now, itemId -> reference.item(siteId, itemId).map(StatusOfSite::needOf).orElse(Need.NONE),
                site.map(known -> StatusOfSite.transitOf(known, model)).orElse(TransitModel.none()));
        return ledger;
    }

    private void keep(String siteId, SiteLedger ledger, Cause cause) {
        ledger.forgetOldHours();
        ledger.items.values().forEach(stock -> stock.forgetConvoysBefore(ledger.at - FORGET_CONVOYS_AFTER_MS));
        ledgers.put(siteId, ledger);
        Optional<Site> site = reference.site(siteId);
        if (site.isEmpty()) {
            return; // removed from the reference data since: its last status stands
        }
        Map<String, Item> definitions = new LinkedHashMap<>();
        ledger.items.keySet().forEach(itemId -> reference.item(siteId, itemId).ifPresent(item -> definitions.put(itemId, item)));
        SiteStatus fresh = statusOf.of(site.get(), ledger, definitions, reference.itemsFor(siteId));
        SiteStatus before = statuses.get(siteId);
        boolean publish = before == null || switch (cause) {
            case INPUT, TIME -> StatusChange.worthPublishing(before, fresh, cause == Cause.INPUT, model.statusRefresh());
            case REFERENCE -> StatusChange.referenceChanged(before, fresh);
        };
        if (!publish) {
            return;
        }
        statuses.put(siteId, fresh);
        publishedAt.put(siteId, ledger.at);
        context.forward(new Record<>(siteId, LedgerOutcome.status(fresh), ledger.at));
    }

    private static Headers reasons(Headers from, SiteInput input, LedgerChange change) {
        return RejectHeaders.withRule(from, change.reason(), change.rule(), input.getSourceTopic(), input.getSourcePartition(),
                input.getSourceOffset());
    }
}
