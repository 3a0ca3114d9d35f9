package org.flowwatch.consumers.dashboard;

import java.util.List;

/**
 * What the operations centre sees at one moment, as the page's JSON and the terminal's text: plain values only
 * (times as ISO-8601 strings), so the page needs no Avro.
 */
public record OpsView(long version, List<Hour> hours, long totalArrivals, List<Post> posts, List<SiteCard> sites,
                      List<OpenAlert> alerts) {

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

    public record OpenAlert(String id, int version, String kind, String severity, String state, String summary,
                            String startsAt, String updatedAt, boolean acknowledged, String acknowledgedAt) {
    }
}
