package org.flowwatch.streams.arrivals.validation;

import java.util.Locale;
import java.util.function.Predicate;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;

/**
 * The two places a post types into a crossing are kept only if the sites reference data lists them (by id, in any
 * case; kept as the listed id): the origin if it is a place of kind ORIGIN, the destination if it is a site people
 * stay at (any other kind). Anything else is blanked and counted ({@code origin-unlisted-total},
 * {@code destination-unlisted-total}); an unlisted destination also sets {@code destinationUnlisted}, so that the sites
 * app counts those people at no site instead of sending them to the post's reception site. Why blank and not reject:
 * the people still crossed and must be counted; and free text there could carry an address, a host's name or a
 * person's details, which must not reach any topic (a dead letter would keep the text). The border-post client and
 * the gateway refuse such text at the edge; this is the check that holds whatever the sender.
 */
public final class ListedPlaces extends ContextualFixedKeyProcessor<String, CrossingEvent, CrossingEvent> {

    private static final Predicate<Site> ORIGIN = site -> site.getKind() == SiteKind.ORIGIN;

    private final String sitesStore;
    private SitesReference sites;
    private ArrivalMetrics metrics;

    public ListedPlaces(String sitesStore) {
        this.sitesStore = sitesStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, CrossingEvent> context) {
        super.init(context);
        this.sites = SitesReference.in(context, sitesStore);
        this.metrics = new ArrivalMetrics(context.metrics(), "crossings");
    }

    @Override
    public void process(FixedKeyRecord<String, CrossingEvent> record) {
        CrossingEvent crossing = record.value();
        if (crossing.getOrigin() != null) {
            String place = listed(crossing.getOrigin(), ORIGIN);
            if (place == null) {
                metrics.count("origin-unlisted");
            }
            crossing.setOrigin(place);
        }
        if (crossing.getDestinationSiteId() != null) {
            String site = listed(crossing.getDestinationSiteId(), ORIGIN.negate());
            if (site == null) {
                metrics.count("destination-unlisted");
                crossing.setDestinationUnlisted(true);
            }
            crossing.setDestinationSiteId(site);
        }
        context().forward(record);
    }

    private String listed(String typed, Predicate<Site> ofKind) {
        for (String id : new String[] {typed, typed.trim().toLowerCase(Locale.ROOT)}) {
            Site site = sites.site(id);
            if (site != null && ofKind.test(site)) {
                return id;
            }
        }
        return null;
    }
}
