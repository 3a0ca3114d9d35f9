package org.flowwatch.consumers.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.flowwatch.consumers.export.CompactedSnapshot;
import org.flowwatch.consumers.export.LateCrossings;
import org.flowwatch.consumers.i18n.AlertSentences;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.consumers.metrics.OpenAlerts;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertAck;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.RollingCount;
import org.flowwatch.schemas.serde.SameRecord;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * The latest state of the operation, kept from the authoritative output topics (latest value per key, a tombstone
 * removes it): operation-wide hourly and daily arrivals, the crossings beyond the hourly grace (late topic), rolling
 * counts per post, site statuses, open alerts and their
 * acknowledgements, and the posts' and sites' reference data (for the map). The dashboard, the domain metrics and the
 * terminal commands all read this one picture.
 */
public final class OpsPicture {

    private static final String LAST_HOUR = Duration.ofHours(1).toString();
    private static final String LAST_DAY = Duration.ofHours(24).toString();

    private final Map<String, ArrivalCount> operationHours = new HashMap<>();
    private final Map<String, ArrivalCount> operationDays = new HashMap<>();
    // crossings beyond the operation's hourly grace, once per change (LateCrossings.change: a correction is a
    // retraction and a new revision under one eventId; the late topic repeats each per count missed)
    private final Map<String, LateCrossing> lateHours = new HashMap<>();
    // arrivals in the last hour / 24 h per post and per region, by rolling-count key
    private final Map<String, RollingCount> rolling = new HashMap<>();
    private final Map<String, SiteStatus> sites = new TreeMap<>();
    private final OpenAlerts alerts = new OpenAlerts();
    private final Map<String, AlertAck> acks = new HashMap<>();
    private final Map<String, Site> places = new TreeMap<>();
    private final AtomicLong version = new AtomicLong();
    private final ZoneId timeZone;

    /** A picture whose view writes times in the default operation time zone. */
    public OpsPicture() {
        this(OpsSettings.DEFAULT_TIME_ZONE);
    }

    public OpsPicture(ZoneId timeZone) {
        this.timeZone = timeZone;
    }

    /** The picture as the topics are now, read to their end: for a terminal command that prints and exits. */
    public static OpsPicture snapshot(OpsSettings settings, FlowwatchSerdes serdes) {
        OpsPicture picture = new OpsPicture(settings.timeZone());
        CompactedSnapshot.read(settings.kafka(), serdes, Topics.ARRIVALS_HOURLY, settings.readTimeout()).forEach(picture::hourly);
        CompactedSnapshot.read(settings.kafka(), serdes, Topics.ARRIVALS_DAILY, settings.readTimeout()).forEach(picture::daily);
        LateCrossings.read(settings.kafka(), serdes, settings.readTimeout()).forEach(late -> picture.late(null, late));
        CompactedSnapshot.read(settings.kafka(), serdes, Topics.ARRIVALS_ROLLING, settings.readTimeout()).forEach(picture::rolling);
        CompactedSnapshot.read(settings.kafka(), serdes, Topics.SITE_STATUS, settings.readTimeout()).forEach(picture::site);
        CompactedSnapshot.read(settings.kafka(), serdes, Topics.ALERTS_CURRENT, settings.readTimeout()).forEach(picture::alert);
        CompactedSnapshot.read(settings.kafka(), serdes, Topics.ALERT_ACKS, settings.readTimeout()).forEach(picture::ack);
        return picture;
    }

    public synchronized void hourly(String key, ArrivalCount count) {
        if (count == null || (count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)) {
            changed(put(operationHours, key, count));
        }
    }

    public synchronized void daily(String key, ArrivalCount count) {
        if (count == null || (count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)) {
            changed(put(operationDays, key, count));
        }
    }

    /** A record of the late topic; only the operation's hourly arrivals count (the key is not needed). */
    public synchronized void late(String key, LateCrossing late) {
        if (late != null && late.getScope() == CountScope.ALL && late.getGranularity() == Granularity.HOUR
                && late.getCrossing().getDirection() == Direction.ARRIVAL) {
            changed(put(lateHours, LateCrossings.change(late.getCrossing()), late));
        }
    }

    public synchronized void rolling(String key, RollingCount count) {
        if (count == null || (count.getScope() != CountScope.ALL && count.getDirection() == Direction.ARRIVAL)) {
            changed(put(rolling, key, count));
        }
    }

    public synchronized void site(String key, SiteStatus status) {
        changed(put(sites, key, status));
    }

    public synchronized void alert(String key, Alert alert) {
        if (alert == null) {
            alerts.forget(key);
        } else {
            alerts.apply(alert);
        }
        changed(true);
    }

    public synchronized void ack(String key, AlertAck ack) {
        changed(put(acks, key, ack));
    }

    /** A post's or site's reference data (flowwatch.sites.v1): where the map draws it. */
    public synchronized void place(String key, Site site) {
        changed(put(places, key, site));
    }

    /** Grows with every change: the dashboard pushes a new view when it moved. */
    public long version() {
        return version.get();
    }

    public OpenAlerts openAlerts() {
        return alerts;
    }

    public synchronized Optional<Alert> openAlert(String alertId) {
        return alerts.all().stream().filter(alert -> alert.getAlertId().equals(alertId)).findFirst();
    }

    public synchronized TreeSet<String> posts() {
        return scopeIds(CountScope.POST);
    }

    /** The regions (adm1 codes) with rolling counts. */
    public synchronized TreeSet<String> regions() {
        return scopeIds(CountScope.REGION);
    }

    private TreeSet<String> scopeIds(CountScope scope) {
        TreeSet<String> ids = new TreeSet<>();
        rolling.values().stream().filter(count -> count.getScope() == scope).forEach(count -> ids.add(count.getScopeId()));
        return ids;
    }

    public synchronized TreeSet<String> siteIds() {
        return new TreeSet<>(sites.keySet());
    }

    /** People who arrived at {@code post} in the last hour (0 when it has no rolling count). */
    public synchronized double lastHour(String post) {
        return rollingPeople(CountScope.POST, post, LAST_HOUR);
    }

    /** People who arrived at the posts of {@code region} in the last hour (0 when it has no rolling count). */
    public synchronized double lastHourInRegion(String region) {
        return rollingPeople(CountScope.REGION, region, LAST_HOUR);
    }

    public synchronized double population(String site) {
        SiteStatus status = sites.get(site);
        return status == null ? Double.NaN : status.getPopulation();
    }

    public synchronized double capacity(String site) {
        SiteStatus status = sites.get(site);
        return status == null || status.getCapacityPeople() == null ? Double.NaN : status.getCapacityPeople();
    }

    /** Site id to the ids of its items with days of cover. */
    public synchronized Map<String, List<String>> coveredItems() {
        Map<String, List<String>> items = new TreeMap<>();
        sites.forEach((id, status) -> items.put(id, status.getItems().stream()
                .filter(item -> item.getDaysOfCover() != null).map(ItemStatus::getItemId).toList()));
        return items;
    }

    public synchronized double daysOfCover(String site, String item) {
        SiteStatus status = sites.get(site);
        return status == null ? Double.NaN : status.getItems().stream().filter(i -> i.getItemId().equals(item))
                .map(ItemStatus::getDaysOfCover).filter(Objects::nonNull).findFirst().orElse(Double.NaN);
    }

    public synchronized OpsView view() {
        List<Alert> open = alerts.all();
        return new OpsView(version.get(), hours(), operationHours.values().stream().mapToLong(ArrivalCount::getPeople).sum(),
                postCards(open), siteCards(open), open.stream().map(this::openAlert).toList(), timeZone.getId(),
                RunOutRows.rows(sites.values(), open), RunOutRows.people(sites.values()), places(open), days(),
                new OpsView.Late(lateHours.values().stream().map(late -> late.getCrossing().getEventId()).distinct().count(),
                        lateHours.values().stream().mapToLong(late -> late.getCrossing().getPeople()).sum()));
    }

    private List<OpsView.Day> days() {
        return operationDays.values().stream().sorted(Comparator.comparing(ArrivalCount::getWindowStart))
                .map(day -> new OpsView.Day(day.getWindowStart().atZone(timeZone).toLocalDate().toString(), day.getPeople(),
                        lower(day.getStatus()))).toList();
    }

    private List<OpsView.Hour> hours() {
        Map<Instant, Long> perHour = new TreeMap<>();
        operationHours.values().forEach(count -> perHour.merge(count.getWindowStart(), count.getPeople(), Long::sum));
        List<OpsView.Hour> hours = new ArrayList<>();
        long cumulative = 0;
        for (Map.Entry<Instant, Long> hour : perHour.entrySet()) {
            cumulative += hour.getValue();
            hours.add(new OpsView.Hour(hour.getKey().toString(), hour.getValue(), cumulative));
        }
        return hours;
    }

    private List<OpsView.Post> postCards(List<Alert> open) {
        return posts().stream().map(post -> new OpsView.Post(post, (long) rollingPeople(CountScope.POST, post, LAST_HOUR),
                (long) rollingPeople(CountScope.POST, post, LAST_DAY), severityOf(open, AlertKind.POST_SILENT, Map.of("post", post)))).toList();
    }

    private List<OpsView.SiteCard> siteCards(List<Alert> open) {
        return sites.values().stream().map(status -> new OpsView.SiteCard(status.getSiteId(), status.getName(),
                status.getPopulation(), status.getCapacityPeople(),
                orOk(severityOf(open, null, Map.of("site", status.getSiteId()))),
                status.getItems().stream().map(item -> new OpsView.ItemCover(item.getItemId(), item.getUnit(),
                        item.getDaysOfCover(), item.getPerPerson(), orOk(severityOf(open, AlertKind.SHORTAGE,
                        Map.of("site", status.getSiteId(), "item", item.getItemId()))))).toList())).toList();
    }

    /** The posts and sites with coordinates; a site with no status yet is "unknown" unless an alert says more. */
    private List<OpsView.Place> places(List<Alert> open) {
        return places.values().stream().filter(place -> place.getLat() != null && place.getLon() != null).map(place -> {
            boolean post = place.getKind() == SiteKind.BORDER_POST;
            SiteStatus status = sites.get(place.getSiteId());
            String severity = severityOf(open, null, Map.of(post ? "post" : "site", place.getSiteId()));
            String urgency = severity != null ? severity : post || status != null ? "ok" : "unknown";
            return new OpsView.Place(place.getSiteId(), place.getName(), lower(place.getKind()), place.getLat(),
                    place.getLon(), urgency, status == null ? null : RunOutRows.soonestRunOut(status));
        }).toList();
    }

    private OpsView.OpenAlert openAlert(Alert alert) {
        AlertAck ack = acks.get(alert.getAlertId());
        boolean acknowledged = ack != null && ack.getAlertVersion() >= alert.getVersion();
        return new OpsView.OpenAlert(alert.getAlertId(), alert.getVersion(), lower(alert.getKind()), lower(alert.getSeverity()),
                lower(alert.getState()), alert.getSummary(), alert.getStartsAt().toString(), alert.getUpdatedAt().toString(),
                acknowledged, acknowledged ? ack.getAcknowledgedAt().toString() : null, Languages.SUPPORTED.stream().collect(
                        Collectors.toMap(Locale::getLanguage, locale -> AlertSentences.sentence(alert, locale, timeZone))));
    }

    /** The highest severity of the open alerts of {@code kind} (any kind when null) carrying all {@code labels}. */
    static String severityOf(List<Alert> open, AlertKind kind, Map<String, String> labels) {
        return open.stream().filter(alert -> kind == null || alert.getKind() == kind)
                .filter(alert -> alert.getLabels().entrySet().containsAll(labels.entrySet()))
                .map(Alert::getSeverity).max(Enum::compareTo).map(OpsPicture::lower).orElse(null);
    }

    private double rollingPeople(CountScope scope, String id, String period) {
        return rolling.values().stream().filter(count -> count.getScope() == scope && count.getScopeId().equals(id)
                && count.getPeriod().equals(period)).mapToLong(RollingCount::getPeople).sum();
    }

    private static String orOk(String severity) {
        return severity == null ? "ok" : severity;
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static <V> boolean put(Map<String, V> map, String key, V value) {
        return !SameRecord.same(value == null ? map.remove(key) : map.put(key, value), value);
    }

    private void changed(boolean changed) {
        if (changed) {
            version.incrementAndGet();
        }
    }
}
