package org.flowwatch.consumers.console;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.schemas.avro.SiteStatus;

/** The dashboard's picture as text for a terminal: {@code flowwatch status} and {@code flowwatch alerts}. */
public final class StatusText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PrintWriter out;
    private final ZoneId zone;

    public StatusText(PrintWriter out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    /**
     * The picture, with {@code sites} (the latest status of each site) most urgent first: population, vulnerable
     * people and per item the projected run-out. The view gives each site's worst open alert.
     */
    public void status(OpsView view, Collection<SiteStatus> sites) {
        out.printf("ARRIVALS  %,d people counted", view.totalArrivals());
        if (!view.hours().isEmpty()) {
            OpsView.Hour last = view.hours().get(view.hours().size() - 1);
            out.printf("; %,d in the hour from %s (%s)", last.people(), time(last.start()), zone.getId());
        }
        out.println();
        out.printf("%nPOSTS     %-16s %10s %10s  %s%n", "post", "last hour", "last 24 h", "status");
        view.posts().forEach(post -> out.printf("          %-16s %,10d %,10d  %s%n", post.post(), post.lastHour(),
                post.last24Hours(), post.silent() == null ? "reporting" : "SILENT (" + post.silent() + ")"));
        out.printf("%nSITES     most urgent first; times %s, as of each site's last change%n", zone.getId());
        Map<String, String> severities = view.sites().stream().collect(Collectors.toMap(OpsView.SiteCard::site,
                OpsView.SiteCard::severity, (a, b) -> a));
        SiteText siteText = new SiteText(zone);
        sites.stream().sorted(SiteText.MOST_URGENT_FIRST).forEach(site -> {
            siteText.lines(site, severities.get(site.getSiteId())).forEach(out::println);
            out.println();
        });
        if (sites.isEmpty()) {
            out.println("          none reported");
            out.println();
        }
        alerts(view);
    }

    public void alerts(OpsView view) {
        if (view.alerts().isEmpty()) {
            out.println("ALERTS    none open");
        }
        view.alerts().forEach(alert -> out.printf("ALERT %-12s %-8s %-11s %s  (since %s%s) [%s]%n",
                alert.state().toUpperCase(), alert.severity().toUpperCase(), alert.kind().toUpperCase(), alert.summary(),
                time(alert.startsAt()), alert.acknowledged() ? ", acknowledged" : "", alert.id()));
        out.flush();
    }

    private String time(String iso) {
        return TIME.format(Instant.parse(iso).atZone(zone));
    }
}
