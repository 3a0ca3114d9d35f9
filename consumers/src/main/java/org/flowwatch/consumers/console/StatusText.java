package org.flowwatch.consumers.console;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;
import org.flowwatch.consumers.dashboard.OpsView;

/** The dashboard's picture as text for a terminal: {@code flowwatch status} and {@code flowwatch alerts}. */
public final class StatusText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PrintWriter out;
    private final ZoneId zone;

    public StatusText(PrintWriter out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    public void status(OpsView view) {
        out.printf("ARRIVALS  %,d people counted", view.totalArrivals());
        if (!view.hours().isEmpty()) {
            OpsView.Hour last = view.hours().get(view.hours().size() - 1);
            out.printf("; %,d in the hour from %s (%s)", last.people(), time(last.start()), zone.getId());
        }
        out.println();
        out.printf("%nPOSTS     %-16s %10s %10s  %s%n", "post", "last hour", "last 24 h", "status");
        view.posts().forEach(post -> out.printf("          %-16s %,10d %,10d  %s%n", post.post(), post.lastHour(),
                post.last24Hours(), post.silent() == null ? "reporting" : "SILENT (" + post.silent() + ")"));
        out.printf("%nSITES     %-16s %10s %10s  %s%n", "site", "people", "capacity", "days of cover (severity)");
        view.sites().forEach(site -> out.printf("          %-16s %,10d %10s  %s%n", site.site(), site.population(),
                site.capacity() == null ? "-" : String.format("%,d", site.capacity()), site.items().stream()
                        .filter(item -> item.daysOfCover() != null)
                        .map(item -> String.format("%s %.1f%s", item.item(), item.daysOfCover(),
                                item.severity().equals("ok") ? "" : " " + item.severity().toUpperCase()))
                        .collect(Collectors.joining(", "))));
        out.println();
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
