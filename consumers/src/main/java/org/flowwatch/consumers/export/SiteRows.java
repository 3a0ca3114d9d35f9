package org.flowwatch.consumers.export;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;

/**
 * Turns the latest site statuses into export rows, one per site: the people there (status "estimated" while the
 * transit model estimates departures, else "reported"), its capacity and the people with specific needs, as of the
 * site's last change (the operation clock) in the export's zone. Needs the sites app did not report stay empty, not 0.
 */
public final class SiteRows {

    private SiteRows() {
    }

    public static List<ExportRow> of(Collection<SiteStatus> statuses, Map<String, Site> sites, ZoneId zone) {
        return statuses.stream().sorted(Comparator.comparing(SiteStatus::getAdm1Code).thenComparing(SiteStatus::getSiteId))
                .map(status -> row(status, sites, zone)).toList();
    }

    private static ExportRow row(SiteStatus status, Map<String, Site> sites, ZoneId zone) {
        String adm1Name = Optional.ofNullable(sites.get(status.getSiteId())).map(Site::getAdm1Name)
                .or(() -> sites.values().stream().filter(site -> site.getAdm1Code().equals(status.getAdm1Code()))
                        .map(Site::getAdm1Name).findFirst()).orElse("");
        return new ExportRow("site", status.getSiteId(), status.getUpdatedAt().atZone(zone).toOffsetDateTime().toString(),
                status.getAdm1Code(), adm1Name, status.getName(), "", status.getPopulationEstimated() ? "estimated" : "reported",
                counts(status), Set.of());
    }

    private static Map<Column, Long> counts(SiteStatus status) {
        Map<Column, Long> counts = new EnumMap<>(Column.class);
        counts.put(Column.PEOPLE, status.getPopulation());
        if (status.getCapacityPeople() != null) {
            counts.put(Column.CAPACITY, status.getCapacityPeople().longValue());
        }
        VulnerablePeople vulnerable = status.getVulnerable();
        if (vulnerable != null) {
            counts.put(Column.UNACCOMPANIED_CHILDREN, vulnerable.getUnaccompaniedChildren());
            counts.put(Column.DISABLED, vulnerable.getDisabled());
            counts.put(Column.NEEDS_MEDICAL_CARE, vulnerable.getNeedsMedicalCare());
            counts.put(Column.PREGNANT, vulnerable.getPregnant());
            counts.put(Column.OVER_60, vulnerable.getOver60());
        }
        return counts;
    }
}
