package org.flowwatch.consumers.dashboard;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the operations centre sees at one moment, as the page's JSON and the terminal's text: plain values only
 * (times as ISO-8601 strings), so the page needs no Avro. {@code timeZone} is the operation's ({@code
 * operation.time.zone}): the page writes every time in it.
 */
public record OpsView(long version, List<Hour> hours, long totalArrivals, List<Post> posts, List<SiteCard> sites,
                      List<OpenAlert> alerts, String timeZone, List<RunOut> runOut, List<SitePeople> people,
                      List<Place> places, List<Day> days, Late late) {

    /** A view with no run-out, people or map (what the terminal prints), in the operation's default zone. */
    public OpsView(long version, List<Hour> hours, long totalArrivals, List<Post> posts, List<SiteCard> sites,
                   List<OpenAlert> alerts) {
        this(version, hours, totalArrivals, posts, sites, alerts, OpsSettings.DEFAULT_TIME_ZONE.getId(), List.of(),
                List.of(), List.of(), List.of(), new Late(0, 0));
    }

    /** Operation-wide arrivals of one local day (the daily counts, 48 h grace); {@code status} provisional or final. */
    public record Day(String date, long people, String status) {
    }

    /** Crossings that reached the operation's hourly count after its grace: in the days, not in the hours. */
    public record Late(long crossings, long people) {
    }

    /** Operation-wide arrivals in one hour of event time, and everyone who had arrived by its end. */
    public record Hour(String start, long people, long cumulative) {
    }

    /** {@code silent} is the severity of the post's open POST_SILENT alert, or null while it reports. */
    public record Post(String post, long lastHour, long last24Hours, String silent) {
    }

    /** {@code severity}: "critical", "warning" or "info" from the site's open alerts, or "ok". */
    public record SiteCard(String site, String name, long population, Integer capacity, String severity, List<ItemCover> items) {
    }

    /** {@code daysOfCover} is null for items not consumed daily (shelter, counted per person instead). */
    public record ItemCover(String item, String unit, Double daysOfCover, Double perPerson, String severity) {
    }

    /** {@code sentences}: the alert's sentence per language ({@code en}, {@code hy}, {@code ru}); {@code summary} is the English one. */
    public record OpenAlert(String id, int version, String kind, String severity, String state, String summary,
                            String startsAt, String updatedAt, boolean acknowledged, String acknowledgedAt,
                            Map<String, String> sentences) {

        public OpenAlert(String id, int version, String kind, String severity, String state, String summary,
                         String startsAt, String updatedAt, boolean acknowledged, String acknowledgedAt) {
            this(id, version, kind, severity, state, summary, startsAt, updatedAt, acknowledged, acknowledgedAt, Map.of());
        }

        /** The sentence in {@code locale}'s language, or the summary when there is none. */
        public String sentence(Locale locale) {
            return sentences.getOrDefault(locale.getLanguage(), summary);
        }
    }

    /**
     * One item at one site, as the run-out table shows it (most urgent first, see {@link RunOutRows}). {@code
     * reported} false: the site holds people but never reported the item, so {@code stock} means unknown. Times are
     * event time; {@code hoursToRunOut} counts from {@code updatedAt}, the site status's own clock. {@code
     * runsOutLatest} null with {@code runsOutEarliest} set: the high end is beyond the projection's horizon.
     */
    public record RunOut(String site, String siteName, String item, String unit, String severity, boolean reported,
                         boolean estimated, double stock, Double countedStock, String countedAt, String overdrawnAt,
                         Double hoursToRunOut, String runsOutAt, String runsOutEarliest, String runsOutLatest,
                         Double daysOfCover, Double needPerDay, List<Delivery> deliveries, String updatedAt) {
    }

    /** An announced convoy; {@code counted} false: overdue, the projection no longer counts on it. */
    public record Delivery(String convoy, double quantity, String expectedAt, boolean counted) {
    }

    /**
     * The people at a site: {@code populationEstimated} when the transit model estimated {@code estimatedDepartures};
     * {@code vulnerable} null when the site's status carries no such counts.
     */
    public record SitePeople(String site, String name, long population, boolean populationEstimated,
                             long estimatedDepartures, double arrivalsPerHour, double departuresPerHour,
                             Vulnerable vulnerable, String updatedAt) {
    }

    public record Vulnerable(long unaccompaniedChildren, long disabled, long needsMedicalCare, long pregnant, long over60) {
    }

    /**
     * A post or site on the map, at its reference coordinates. {@code urgency}: the highest severity of its open
     * alerts ("critical", "warning", "info") or "ok"; "unknown" for a site with no status yet. {@code hoursToRunOut}:
     * the soonest projected run-out of its items, null when none is projected.
     */
    public record Place(String id, String name, String kind, double lat, double lon, String urgency, Double hoursToRunOut) {
    }
}
