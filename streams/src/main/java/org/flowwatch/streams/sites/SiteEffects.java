package org.flowwatch.streams.sites;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flowwatch.schemas.avro.SiteEffect;
import org.flowwatch.schemas.avro.SiteEffectKind;
import org.flowwatch.streams.sites.ledger.SiteLedger;

/** Makes and applies {@link SiteEffect}s: the part of an input that lands on a site another ledger task may own. */
final class SiteEffects {

    private SiteEffects() {
    }

    static SiteEffect arrival(UUID eventId, String siteId, long people, double[] vulnerable, long at, boolean trend) {
        return of(eventId, siteId, SiteEffectKind.ARRIVAL, people, vulnerable, at, trend);
    }

    static SiteEffect retraction(UUID eventId, String siteId, long people, double[] vulnerable, long at) {
        return of(eventId, siteId, SiteEffectKind.RETRACTION, people, vulnerable, at, true);
    }

    static void applyTo(SiteLedger site, SiteEffect effect) {
        double[] vulnerable = effect.getVulnerable().stream().mapToDouble(Double::doubleValue).toArray();
        long at = effect.getOccurredAt().toEpochMilli();
        switch (effect.getKind()) {
            case ARRIVAL -> site.arrive(effect.getPeople(), vulnerable, at, effect.getTrend());
            case RETRACTION -> site.retract(effect.getPeople(), vulnerable, at);
        }
    }

    private static SiteEffect of(UUID eventId, String siteId, SiteEffectKind kind, long people, double[] vulnerable,
                                 long at, boolean trend) {
        List<Double> counts = new ArrayList<>(vulnerable.length);
        for (double count : vulnerable) {
            counts.add(count);
        }
        return SiteEffect.newBuilder().setEventId(eventId).setSiteId(siteId).setKind(kind).setPeople(people)
                .setVulnerable(counts).setOccurredAt(Instant.ofEpochMilli(at)).setTrend(trend).build();
    }
}
