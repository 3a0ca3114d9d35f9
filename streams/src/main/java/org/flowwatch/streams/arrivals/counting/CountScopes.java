package org.flowwatch.streams.arrivals.counting;

import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.validation.SitesReference;

/**
 * Sends each crossing to the three counts it belongs to: its post, its post's region (adm1 from the sites reference
 * data) and the whole operation, each under its {@link ScopeKey}. One repartition after this step serves all three
 * scopes, instead of one per scope; what crosses it is a {@link CountedCrossing}, the crossing encoded once for all three.
 */
public final class CountScopes extends ContextualProcessor<String, CrossingEvent, String, CountedCrossing> {

    /** Region of a post whose site disappeared from the reference data after it was validated. */
    static final String UNKNOWN_REGION = "unknown";

    private final String sitesStore;
    private final Serializer<CrossingEvent> encoder;
    private SitesReference sites;

    public CountScopes(String sitesStore, Serializer<CrossingEvent> encoder) {
        this.sitesStore = sitesStore;
        this.encoder = encoder;
    }

    @Override
    public void init(ProcessorContext<String, CountedCrossing> context) {
        super.init(context);
        this.sites = SitesReference.in(context, sitesStore);
    }

    @Override
    public void process(Record<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        Record<String, CountedCrossing> counted = record.withValue(new CountedCrossing(ArrivalTally.of(crossing),
                encoder.serialize(Topics.CROSSINGS.name(), crossing)));
        forward(counted, new ScopeKey(CountScope.POST, crossing.getPostId(), crossing.getDirection()));
        forward(counted, new ScopeKey(CountScope.REGION, regionOf(crossing.getPostId()), crossing.getDirection()));
        forward(counted, new ScopeKey(CountScope.ALL, ScopeKey.ALL, crossing.getDirection()));
    }

    private void forward(Record<String, CountedCrossing> record, ScopeKey key) {
        context().forward(record.withKey(key.toString()));
    }

    private String regionOf(String postId) {
        Site site = sites.site(postId);
        return site == null ? UNKNOWN_REGION : site.getAdm1Code();
    }
}
