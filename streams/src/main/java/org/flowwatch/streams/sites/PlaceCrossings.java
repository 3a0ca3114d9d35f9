package org.flowwatch.streams.sites;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.streams.sites.ledger.VulnerableCounts;

/**
 * Places each arriving crossing on its site ({@link CrossingPlacement}), on the partitions of the valid crossings
 * topic (keyed by post, so every revision of a crossing comes here): what each revision placed is remembered here
 * ({@link AppliedCrossings}), so a correction takes back exactly that, and a resend or an older revision places
 * nothing. The effects go on keyed by their site, to the ledger task that owns it; a refused crossing goes to the
 * sites dead-letter topic with its reason.
 */
final class PlaceCrossings implements Processor<String, CrossingEvent, String, LedgerOutcome> {

    private final AlertRules rules;
    private ProcessorContext<String, LedgerOutcome> context;
    private CrossingPlacement placement;
    private AppliedCrossings placed;

    PlaceCrossings(AlertRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, LedgerOutcome> context) {
        this.context = context;
        this.placement = new CrossingPlacement(ReferenceData.in(context, rules)::site);
        this.placed = new AppliedCrossings(context.getStateStore(AppliedCrossings.STORE));
    }

    @Override
    public void process(Record<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        String eventId = "crossing/" + crossing.getEventId();
        AppliedCrossings.Applied before = placed.latest(eventId, record.timestamp());
        if (before != null && crossing.getRevision() <= before.revision()) {
            return; // a resend, or an older revision
        }
        RecordMetadata source = context.recordMetadata().orElseThrow();
        CrossingPlacement.Placement placement = this.placement.place(crossing, before);
        if (placement.isRefused()) {
            SiteInput input = new SiteInput(crossing, source.topic(), source.partition(), source.offset());
            context.forward(record.withValue(LedgerOutcome.rejected(input))
                    .withHeaders(LedgerRejects.headers(record.headers(), input, placement.rule(), placement.reason())));
            return;
        }
        placed.remember(eventId, record.timestamp(), AppliedCrossings.Applied.of(crossing, this.placement.siteOf(crossing),
                VulnerableCounts.of(crossing)));
        placement.effects().forEach(effect -> context.forward(record.withKey(effect.getSiteId()).withValue(LedgerOutcome.effect(
                new SiteInput(effect, source.topic(), source.partition(), source.offset())))));
    }
}
