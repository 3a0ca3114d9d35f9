package org.flowwatch.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.flowwatch.consumers.console.SiteLine;
import org.flowwatch.schemas.avro.SiteStatus;

/**
 * The demo's line per site every few replayed hours: people there (rising as groups arrive, falling as they move on)
 * and the item that runs out first. Statuses come from the sites app's status topic on a viewer thread.
 */
final class DemoSiteLines {

    private static final Duration EVERY = Duration.ofHours(3);

    private final ZoneId zone;
    private final Map<String, SiteStatus> latest = new ConcurrentHashMap<>();
    private final Map<String, Long> shown = new TreeMap<>();

    DemoSiteLines(ZoneId zone) {
        this.zone = zone;
    }

    void update(SiteStatus status) {
        if (status != null) {
            latest.put(status.getSiteId(), status);
        }
    }

    /** After the replay has sent {@code hour}: every three hours, a line per site holding people. */
    void showEvery(Instant hour, PrintWriter out) {
        if (hour.getEpochSecond() % EVERY.toSeconds() != 0) {
            return;
        }
        new TreeMap<>(latest).values().stream().filter(site -> site.getPopulation() > 0 || shown.containsKey(site.getSiteId()))
                .forEach(site -> {
                    out.println(SiteLine.of(site, shown.get(site.getSiteId()), zone));
                    shown.put(site.getSiteId(), site.getPopulation());
                });
        out.flush();
    }
}
