package org.flowwatch.consumers.console;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.consumers.i18n.Translations;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.i18n.Messages;

/**
 * The dashboard's picture as text for a terminal: {@code flowwatch status} and {@code flowwatch alerts}, in one
 * language ({@code console.*} of the translation files; the alert's sentence from {@code AlertSentences}). Codes
 * (state, severity, kind, ids) stay as they are, so scripts can read them in every language.
 */
public final class StatusText {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final PrintWriter out;
    private final ZoneId zone;
    private final Messages words;

    public StatusText(PrintWriter out, ZoneId zone) {
        this(out, zone, Languages.ENGLISH);
    }

    public StatusText(PrintWriter out, ZoneId zone, Locale locale) {
        this.out = out;
        this.zone = zone;
        this.words = Translations.in(locale);
    }

    /**
     * The picture, with {@code sites} (the latest status of each site) most urgent first: population, vulnerable
     * people and per item the projected run-out. The view gives each site's worst open alert.
     */
    public void status(OpsView view, Collection<SiteStatus> sites) {
        out.print(label("console.arrivals") + words.format("console.arrivals.counted", Map.of("n", view.totalArrivals())));
        if (!view.hours().isEmpty()) {
            OpsView.Hour last = view.hours().get(view.hours().size() - 1);
            out.print(words.format("console.arrivals.lastHour", Map.of("n", last.people(), "time", time(last.start()), "zone", zone.getId())));
        }
        out.println();
        out.printf("%n%s%-16s %10s %10s  %s%n", label("console.posts"), words.format("console.col.post"),
                words.format("console.col.lastHour"), words.format("console.col.last24Hours"), words.format("console.col.status"));
        view.posts().forEach(post -> out.printf("          %-16s %10s %10s  %s%n", post.post(), whole(post.lastHour()),
                whole(post.last24Hours()), post.silent() == null ? words.format("console.post.reporting")
                        : words.format("console.post.silent", Map.of("severity", post.silent()))));
        out.printf("%n%s%s%n", label("console.sites"), words.format("console.sites.note", Map.of("zone", zone.getId())));
        Map<String, String> severities = view.sites().stream().collect(Collectors.toMap(OpsView.SiteCard::site,
                OpsView.SiteCard::severity, (a, b) -> a));
        SiteText siteText = new SiteText(zone, words);
        sites.stream().sorted(SiteText.MOST_URGENT_FIRST).forEach(site -> {
            siteText.lines(site, severities.get(site.getSiteId())).forEach(out::println);
            out.println();
        });
        if (sites.isEmpty()) {
            out.println("          " + words.format("console.sites.none"));
            out.println();
        }
        alerts(view);
    }

    public void alerts(OpsView view) {
        if (view.alerts().isEmpty()) {
            out.println(label("console.alerts") + words.format("console.alerts.none"));
        }
        view.alerts().forEach(alert -> out.printf("ALERT %-12s %-8s %-11s %s  (%s%s) [%s]%n",
                alert.state().toUpperCase(), alert.severity().toUpperCase(), alert.kind().toUpperCase(), alert.sentence(words.locale()),
                words.format("console.alert.since", Map.of("time", time(alert.startsAt()))),
                alert.acknowledged() ? words.format("console.alert.acknowledged") : "", alert.id()));
        out.flush();
    }

    /** A section's upper-case label, padded to the ten columns the lines below it are indented by. */
    private String label(String key) {
        return String.format("%-9s ", words.format(key));
    }

    private String whole(long value) {
        return words.format("console.number", Map.of("n", value));
    }

    private String time(String iso) {
        return TIME.format(Instant.parse(iso).atZone(zone));
    }
}
