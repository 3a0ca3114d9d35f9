package org.flowwatch.streams.sites;

import java.util.Objects;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.SiteHandover;
import org.flowwatch.schemas.avro.SiteInput;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;

/**
 * Keys every ledger input by the site it changes, so the ledger can be partitioned by site: a crossing by the site its
 * people go to, a departure or transfer by the site people leave, an arrival by the site they reach, a supply by its
 * site, a hand-over by its receiving site. An input naming no site keeps its key (the ledger refuses it there).
 *
 * <p>A correction that moves a crossing's people to a site on another partition would leave them counted at the old
 * site too, since that partition never sees the new revision. Every revision of a crossing comes from one post, so
 * through this one task: it keeps the site it sent each crossing to (for the dedupe horizon) and then also sends the
 * old site a withdrawal of the same revision. A revision the ledger would refuse goes where the people are counted,
 * so that the ledger refuses it there and they stay counted, as with one partition.
 */
final class SiteRouter implements Processor<String, SiteInput, String, SiteInput> {

    static final String ROUTED_STORE = "site-routed-crossings-store";

    private final AlertRules alertRules;
    private final int partitions;
    private ProcessorContext<String, SiteInput> context;
    private WindowStore<String, String> routed;
    private LedgerRules rules;

    SiteRouter(AlertRules alertRules, int partitions) {
        this.alertRules = alertRules;
        this.partitions = partitions;
    }

    @Override
    public void init(ProcessorContext<String, SiteInput> context) {
        this.context = context;
        routed = context.getStateStore(ROUTED_STORE);
        ReferenceData reference = ReferenceData.in(context, alertRules);
        rules = new LedgerRules(reference::site, siteId -> 0L, siteId -> true);
    }

    @Override
    public void process(Record<String, SiteInput> record) {
        String fallback = record.key() == null ? "" : record.key();
        Object event = record.value().getEvent();
        if (event instanceof CrossingEvent crossing) {
            route(record, crossing, fallback);
            return;
        }
        String site = siteChangedBy(event);
        context.forward(record.withKey(site == null ? fallback : site));
    }

    private static String siteChangedBy(Object event) {
        if (event instanceof SiteMovement move) {
            return move.getKind() == MovementKind.ARRIVAL ? move.getToSiteId() : move.getFromSiteId();
        }
        if (event instanceof SupplyEvent supply) {
            return supply.getSiteId();
        }
        return ((SiteHandover) event).getToSiteId();
    }

    private void route(Record<String, SiteInput> record, CrossingEvent crossing, String fallback) {
        if (partitions == 1) { // every site on the one partition: no correction can cross, nothing to remember
            context.forward(record.withKey(Objects.requireNonNullElse(rules.siteOf(crossing), fallback)));
            return;
        }
        String eventId = crossing.getEventId().toString();
        Sent before = latest(eventId, record.timestamp());
        String counted = before == null ? fallback : before.siteId();
        if (before != null && crossing.getRevision() <= before.revision()) {
            context.forward(record.withKey(counted)); // a resend or an older revision: the ledger there drops it
            return;
        }
        boolean accepted = !crossing.getWithdrawn() && !rules.arrival(crossing).isRefused();
        String site = accepted ? rules.siteOf(crossing) : counted;
        if (accepted && before != null && !site.equals(counted)
                && SitePartitioner.partitionOf(site, partitions) != SitePartitioner.partitionOf(counted, partitions)) {
            CrossingEvent withdrawal = CrossingEvent.newBuilder(crossing).setWithdrawn(true).build();
            context.forward(record.withKey(counted).withValue(SiteInput.newBuilder(record.value()).setEvent(withdrawal).build()));
        }
        context.forward(record.withKey(site));
        routed.put(eventId, crossing.getRevision() + " " + site, record.timestamp());
    }

    /** Where the latest revision of a crossing was sent, or null if none within the dedupe horizon. */
    private Sent latest(String eventId, long at) {
        Sent latest = null;
        try (WindowStoreIterator<String> copies = routed.fetch(eventId, at - AppliedInputs.HORIZON.toMillis(),
                at + AppliedInputs.HORIZON.toMillis())) {
            while (copies.hasNext()) {
                Sent copy = Sent.parse(copies.next().value);
                latest = latest == null || copy.revision() > latest.revision() ? copy : latest;
            }
        }
        return latest;
    }

    private record Sent(int revision, String siteId) {

        static Sent parse(String stored) {
            int space = stored.indexOf(' ');
            return new Sent(Integer.parseInt(stored.substring(0, space)), stored.substring(space + 1));
        }
    }
}
