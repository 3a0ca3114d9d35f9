package org.flowwatch.consumers.export;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;

/** Test data for exports: hourly counts and sites. */
final class Counts {

    static final Instant T0 = Instant.parse("2023-09-25T06:00:00Z"); // 10:00 in Yerevan
    static final ZoneId YEREVAN = ZoneId.of("Asia/Yerevan");
    /** Two posts of one region (Syunik). */
    static final Map<String, Site> SYUNIK_POSTS = Map.of(
            "kornidzor", site("kornidzor", "Kornidzor", "AM-SU", "Syunik"),
            "tegh", site("tegh", "Tegh", "AM-SU", "Syunik"));

    private Counts() {
    }

    static ArrivalCount hour(CountScope scope, String id, Instant start, long people, BandTotals female, BandTotals male) {
        return ArrivalCount.newBuilder().setScope(scope).setScopeId(id).setGranularity(Granularity.HOUR)
                .setWindowStart(start).setWindowEnd(start.plus(Duration.ofHours(1))).setDirection(Direction.ARRIVAL)
                .setPeople(people).setGroups(1).setVehicles(0).setFemale(female).setMale(male)
                .setStatus(CountStatus.FINAL).setUpdatedAt(start.plus(Duration.ofHours(7))).build();
    }

    static ArrivalCount post(String id, Instant start, long people) {
        return hour(CountScope.POST, id, start, people, null, null);
    }

    static BandTotals bands(long age0to4, long age5to11, long age12to17, long age18to59, long age60plus) {
        return new BandTotals(age0to4, age5to11, age12to17, age18to59, age60plus);
    }

    static Site site(String id, String name, String adm1Code, String adm1Name) {
        return Site.newBuilder().setSiteId(id).setName(name).setKind(SiteKind.BORDER_POST).setAdm1Code(adm1Code)
                .setAdm1Name(adm1Name).build();
    }
}
