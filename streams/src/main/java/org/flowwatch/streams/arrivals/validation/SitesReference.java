package org.flowwatch.streams.arrivals.validation;

import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.flowwatch.schemas.avro.Site;

/**
 * The sites reference data (the global table over the sites topic) as the arrivals processors look a post or a place
 * up in it: by id, as the sites topic last said.
 */
public record SitesReference(TimestampedKeyValueStore<String, Site> table) {

    /** The table in {@code context}'s task, under {@code storeName}. */
    public static SitesReference in(ProcessingContext context, String storeName) {
        return new SitesReference(context.getStateStore(storeName));
    }

    /** The site listed under {@code siteId}; null when none is, or when there is no id to look for. */
    public Site site(String siteId) {
        ValueAndTimestamp<Site> site = siteId == null ? null : table.get(siteId);
        return site == null ? null : site.value();
    }
}
