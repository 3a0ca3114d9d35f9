package org.flowwatch.streams.validation;

import java.util.Locale;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.streams.metrics.ArrivalMetrics;

/**
 * A crossing's origin is kept only if it names a place of the sites reference data of kind ORIGIN (its id, in any
 * case); anything else is blanked and counted in {@code origin-unlisted-total}. Why blank and not reject: the people
 * still crossed and must be counted; and free text in that field could carry an address or a person's details, which
 * must not reach any topic (a dead letter would keep the text). The border-post client and the gateway refuse
 * origins that look like numbers or addresses at the edge; this is the check that holds whatever the sender.
 */
public final class OriginPlaces implements FixedKeyProcessor<String, CrossingEvent, CrossingEvent> {

    private final String sitesStore;
    private FixedKeyProcessorContext<String, CrossingEvent> context;
    private TimestampedKeyValueStore<String, Site> sites;
    private ArrivalMetrics metrics;

    public OriginPlaces(String sitesStore) {
        this.sitesStore = sitesStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CrossingEvent> context) {
        this.context = context;
        this.sites = context.getStateStore(sitesStore);
        this.metrics = new ArrivalMetrics(context.metrics(), "crossings");
    }

    @Override
    public void process(FixedKeyRecord<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        if (crossing.getOrigin() != null) {
            String place = placeNamed(crossing.getOrigin());
            if (place == null) {
                metrics.count("origin-unlisted");
            }
            crossing.setOrigin(place);
        }
        context.forward(record);
    }

    private String placeNamed(String origin) {
        for (String id : new String[] {origin, origin.trim().toLowerCase(Locale.ROOT)}) {
            ValueAndTimestamp<Site> site = sites.get(id);
            if (site != null && site.value().getKind() == SiteKind.ORIGIN) {
                return id;
            }
        }
        return null;
    }
}
