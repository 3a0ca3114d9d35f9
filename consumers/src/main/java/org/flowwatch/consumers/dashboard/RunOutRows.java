package org.flowwatch.consumers.dashboard;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;

/**
 * The run-out table and the people per site, from the sites app's statuses. Rows are the items used up day by day
 * (and any item the site never reported), most urgent first: a projected run-out, soonest first; then the items
 * never reported (stock unknown); then the rest, least days of cover first.
 */
final class RunOutRows {

    private static final Comparator<OpsView.RunOut> URGENCY = Comparator.comparingInt(RunOutRows::rank)
            .thenComparing(row -> row.hoursToRunOut() == null ? Double.MAX_VALUE : row.hoursToRunOut())
            .thenComparing(row -> row.daysOfCover() == null ? Double.MAX_VALUE : row.daysOfCover())
            .thenComparing(OpsView.RunOut::siteName).thenComparing(OpsView.RunOut::item);

    private RunOutRows() {
    }

    static List<OpsView.RunOut> rows(Collection<SiteStatus> statuses, List<Alert> open) {
        return statuses.stream().flatMap(status -> status.getItems().stream()
                        .filter(item -> item.getBasis() == NeedBasis.DAILY_CONSUMPTION || !item.getReported())
                        .map(item -> row(status, item, open)))
                .sorted(URGENCY).toList();
    }

    static List<OpsView.SitePeople> people(Collection<SiteStatus> statuses) {
        return statuses.stream().map(status -> new OpsView.SitePeople(status.getSiteId(), status.getName(),
                status.getPopulation(), status.getPopulationEstimated(), status.getEstimatedDepartures(),
                status.getArrivalsPerHour(), status.getDeparturesPerHour(), vulnerable(status.getVulnerable()),
                status.getUpdatedAt().toString())).toList();
    }

    /** The soonest projected run-out of the site's items, null when none is projected. */
    static Double soonestRunOut(SiteStatus status) {
        return status.getItems().stream().map(ItemStatus::getHoursToRunOut).filter(Objects::nonNull)
                .min(Double::compare).orElse(null);
    }

    private static OpsView.RunOut row(SiteStatus status, ItemStatus item, List<Alert> open) {
        String severity = OpsPicture.severityOf(open, null, Map.of("site", status.getSiteId(), "item", item.getItemId()));
        return new OpsView.RunOut(status.getSiteId(), status.getName(), item.getItemId(), item.getUnit(),
                severity == null ? "ok" : severity, item.getReported(), item.getEstimated(), item.getStock(),
                item.getCountedStock(), iso(item.getCountedAt()), iso(item.getOverdrawnAt()), item.getHoursToRunOut(),
                iso(item.getRunsOutAt()), iso(item.getRunsOutEarliest()), iso(item.getRunsOutLatest()),
                item.getDaysOfCover(), item.getNeedPerDay(), item.getExpectedDeliveries().stream()
                .map(delivery -> new OpsView.Delivery(delivery.getConvoyId(), delivery.getQuantity(),
                        delivery.getExpectedAt().toString(), delivery.getCounted())).toList(),
                status.getUpdatedAt().toString());
    }

    private static int rank(OpsView.RunOut row) {
        if (row.reported() && row.hoursToRunOut() != null) {
            return 0;
        }
        return row.reported() ? 2 : 1;
    }

    private static OpsView.Vulnerable vulnerable(VulnerablePeople people) {
        return people == null ? null : new OpsView.Vulnerable(people.getUnaccompaniedChildren(), people.getDisabled(),
                people.getNeedsMedicalCare(), people.getPregnant(), people.getOver60());
    }

    private static String iso(Instant at) {
        return at == null ? null : at.toString();
    }
}
