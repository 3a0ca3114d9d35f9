package org.flowwatch.streams.counting;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;

/**
 * Sends each crossing to the three counts it belongs to: its post, its post's region (adm1 from the sites reference
 * data) and the whole operation, each under its {@link ScopeKey}. One repartition after this step serves all three
 * scopes, instead of one per scope.
 */
public final class CountScopes implements Processor<String, CrossingEvent, String, CrossingEvent> {

    /** Region of a post whose site disappeared from the reference data after it was validated. */
    static final String UNKNOWN_REGION = "unknown";

    private final String sitesStore;
    private ProcessorContext<String, CrossingEvent> context;
    private TimestampedKeyValueStore<String, Site> sites;

    public CountScopes(String sitesStore) {
        this.sitesStore = sitesStore;
    }

    @Override
    public void init(ProcessorContext<String, CrossingEvent> context) {
        this.context = context;
        this.sites = context.getStateStore(sitesStore);
    }

    @Override
    public void process(Record<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        forward(record, new ScopeKey(CountScope.POST, crossing.getPostId(), crossing.getDirection()));
        forward(record, new ScopeKey(CountScope.REGION, regionOf(crossing.getPostId()), crossing.getDirection()));
        forward(record, new ScopeKey(CountScope.ALL, ScopeKey.ALL, crossing.getDirection()));
    }

    private void forward(Record<String, CrossingEvent> record, ScopeKey key) {
        context.forward(record.withKey(key.toString()));
    }

    private String regionOf(String postId) {
        ValueAndTimestamp<Site> site = sites.get(postId);
        return site == null ? UNKNOWN_REGION : site.value().getAdm1Code();
    }
}
