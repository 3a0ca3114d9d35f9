package org.flowwatch.streams.sites;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.Threshold;

/**
 * Lookups in the reference data (global stores over the compacted sites, items and thresholds topics): a change on
 * those topics is seen by the next lookup, without a restart.
 */
public final class ReferenceData {

    public static final String SITES_STORE = "sites-reference-store";
    public static final String ITEMS_STORE = "items-reference-store";
    public static final String THRESHOLDS_STORE = "thresholds-reference-store";
    /** Threshold key of the thresholds that apply to every site without its own. */
    public static final String EVERY_SITE = "*";

    private final KeyValueStore<String, Site> sites;
    private final KeyValueStore<String, Item> items;
    private final KeyValueStore<String, Threshold> thresholds;
    private final AlertRules rules;

    private ReferenceData(KeyValueStore<String, Site> sites, KeyValueStore<String, Item> items,
                          KeyValueStore<String, Threshold> thresholds, AlertRules rules) {
        this.sites = sites;
        this.items = items;
        this.thresholds = thresholds;
        this.rules = rules;
    }

    static ReferenceData in(ProcessingContext context, AlertRules rules) {
        return new ReferenceData(context.getStateStore(SITES_STORE), context.getStateStore(ITEMS_STORE),
                context.getStateStore(THRESHOLDS_STORE), rules);
    }

    /** Key of a site's own entry in the items and thresholds topics. */
    public static String siteItemKey(String siteId, String itemId) {
        return siteId + "/" + itemId;
    }

    Optional<Site> site(String siteId) {
        return Optional.ofNullable(sites.get(siteId));
    }

    /** Every site of one kind (e.g. the border posts expected to report). */
    List<Site> sitesOfKind(SiteKind kind) {
        List<Site> found = new java.util.ArrayList<>();
        try (KeyValueIterator<String, Site> all = sites.all()) {
            all.forEachRemaining((KeyValue<String, Site> entry) -> {
                if (entry.value != null && entry.value.getKind() == kind) {
                    found.add(entry.value);
                }
            });
        }
        return found;
    }

    /** The site's own figure for the item if it has one, else the figure for every site. */
    Optional<Item> item(String siteId, String itemId) {
        Item own = items.get(siteItemKey(siteId, itemId));
        return Optional.ofNullable(own != null ? own : items.get(itemId));
    }

    /** Every item a site is expected to report: the ones for every site, with the site's own figure where it has one. */
    List<Item> itemsFor(String siteId) {
        Map<String, Item> found = new TreeMap<>();
        try (KeyValueIterator<String, Item> all = items.all()) {
            all.forEachRemaining((KeyValue<String, Item> entry) -> {
                if (entry.value != null && (entry.key.indexOf('/') < 0 || entry.key.startsWith(siteId + "/"))) {
                    found.merge(entry.value.getItemId(), entry.value, (a, b) -> a.getSiteId() != null ? a : b);
                }
            });
        }
        return List.copyOf(found.values());
    }

    Threshold threshold(String siteId, Item item) {
        Threshold own = thresholds.get(siteItemKey(siteId, item.getItemId()));
        if (own != null) {
            return own;
        }
        Threshold everySite = thresholds.get(siteItemKey(EVERY_SITE, item.getItemId()));
        return everySite != null ? everySite : rules.defaultThreshold(siteId, item.getItemId(), item.getBasis());
    }

    /** The site's name for sentences, or its id when it is not in the reference data. */
    String nameOf(String siteId) {
        return site(siteId).map(Site::getName).orElse(siteId);
    }
}
