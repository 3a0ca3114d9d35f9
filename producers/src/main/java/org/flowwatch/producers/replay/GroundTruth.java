package org.flowwatch.producers.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.MovementReason;
import org.flowwatch.schemas.avro.SiteMovement;

/**
 * Exactly what a replay sent: people and groups per post, per hour (UTC start of the hour of crossing) and per day
 * (local date in Armenia), each eventId counted once however often it was sent. The pipeline's counts must equal it.
 * Per destination site: the people routed there and the people who moved on, per hour (UTC) and by reason.
 */
public final class GroundTruth {

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final Map<String, long[]> posts = new TreeMap<>();
    private final Map<String, Map<String, Long>> hours = new TreeMap<>();
    private final Map<String, Map<String, Long>> days = new TreeMap<>();
    /** People per post by the instant they crossed (epoch ms): any period's figure, e.g. a rolling hour's. */
    private final Map<String, java.util.NavigableMap<Long, Long>> instants = new TreeMap<>();
    private final Map<String, SiteTruth> sites = new TreeMap<>();
    private long people;
    private long groups;
    private long resends;
    private long heartbeats;
    private long supplies;

    GroundTruth(ReplaySettings settings) {
        header.put("seed", settings.seed());
        header.put("from", settings.start().toString());
        header.put("to", settings.end().toString());
        header.put("hours", "UTC start of the hour the group crossed");
        header.put("days", "local date in Armenia (UTC+04:00) the group crossed");
    }

    void sent(CrossingEvent crossing) {
        String post = crossing.getPostId();
        int count = crossing.getPeople();
        people += count;
        groups++;
        long[] totals = posts.computeIfAbsent(post, p -> new long[2]);
        totals[0] += count;
        totals[1]++;
        Instant at = crossing.getOccurredAt();
        hours.computeIfAbsent(post, p -> new TreeMap<>()).merge(at.truncatedTo(ChronoUnit.HOURS).toString(), (long) count, Long::sum);
        days.computeIfAbsent(post, p -> new TreeMap<>()).merge(LocalDate.ofInstant(at, ArrivalsCurve.ARMENIA).toString(), (long) count, Long::sum);
        instants.computeIfAbsent(post, p -> new TreeMap<>()).merge(at.toEpochMilli(), (long) count, Long::sum);
        if (crossing.getDestinationSiteId() != null) {
            site(crossing.getDestinationSiteId()).routed.merge(hourOf(at), (long) count, Long::sum);
        }
    }

    void moved(SiteMovement movement) {
        SiteTruth site = site(movement.getFromSiteId());
        site.departed.merge(hourOf(movement.getOccurredAt()), (long) movement.getPeople(), Long::sum);
        site.byReason.merge(String.valueOf(movement.getReason()), (long) movement.getPeople(), Long::sum);
    }

    void resent() {
        resends++;
    }

    void heartbeat() {
        heartbeats++;
    }

    void supply() {
        supplies++;
    }

    public long people() {
        return people;
    }

    public long groups() {
        return groups;
    }

    public long resends() {
        return resends;
    }

    /** People of {@code post} in the hour starting at {@code hour} (UTC). */
    public long peopleInHour(String post, Instant hour) {
        return hours.getOrDefault(post, Map.of()).getOrDefault(hour.toString(), 0L);
    }

    /** The posts that sent crossings. */
    public java.util.Set<String> posts() {
        return java.util.Collections.unmodifiableSet(posts.keySet());
    }

    /** People of one post per hour (UTC start), earliest first. */
    public Map<Instant, Long> peopleByHour(String post) {
        Map<Instant, Long> byHour = new TreeMap<>();
        hours.getOrDefault(post, Map.of()).forEach((hour, count) -> byHour.put(Instant.parse(hour), count));
        return byHour;
    }

    /** People of {@code post} who crossed from {@code from} (inclusive) to {@code to} (exclusive). */
    public long peopleBetween(String post, Instant from, Instant to) {
        return instants.getOrDefault(post, new TreeMap<>()).subMap(from.toEpochMilli(), true, to.toEpochMilli(), false)
                .values().stream().mapToLong(Long::longValue).sum();
    }

    /** People of the whole operation per local day in Armenia (every post together), earliest day first. */
    public Map<LocalDate, Long> peopleByDay() {
        Map<LocalDate, Long> byDay = new TreeMap<>();
        days.values().forEach(perDay -> perDay.forEach((day, count) -> byDay.merge(LocalDate.parse(day), count, Long::sum)));
        return byDay;
    }

    /** People of one post per local day in Armenia, earliest day first. */
    public Map<LocalDate, Long> peopleByDay(String post) {
        Map<LocalDate, Long> byDay = new TreeMap<>();
        days.getOrDefault(post, Map.of()).forEach((day, count) -> byDay.put(LocalDate.parse(day), count));
        return byDay;
    }

    /** People routed to {@code site} (their crossing's destination) in the hour starting at {@code hour} (UTC). */
    public long routedInHour(String site, Instant hour) {
        return sites.containsKey(site) ? sites.get(site).routed.getOrDefault(hourOf(hour), 0L) : 0;
    }

    /** People who left {@code site} in the hour starting at {@code hour} (UTC). */
    public long departuresInHour(String site, Instant hour) {
        return sites.containsKey(site) ? sites.get(site).departed.getOrDefault(hourOf(hour), 0L) : 0;
    }

    /** People who left {@code site} for {@code reason} (e.g. HOUSING, ONWARD) over the whole replay. */
    public long departures(String site, MovementReason reason) {
        return sites.containsKey(site) ? sites.get(site).byReason.getOrDefault(reason.name(), 0L) : 0;
    }

    public Map<String, Object> asMap() {
        Map<String, Object> truth = new LinkedHashMap<>(header);
        truth.put("people", people);
        truth.put("groups", groups);
        truth.put("resends", resends);
        truth.put("heartbeats", heartbeats);
        truth.put("supplies", supplies);
        Map<String, Object> perPost = new TreeMap<>();
        posts.forEach((post, totals) -> perPost.put(post, Map.of("people", totals[0], "groups", totals[1],
                "hours", hours.get(post), "days", days.get(post))));
        truth.put("posts", perPost);
        Map<String, Object> perSite = new TreeMap<>();
        sites.forEach((site, counts) -> perSite.put(site, counts.asMap()));
        truth.put("sites", perSite);
        return truth;
    }

    /**
     * Writes JSON, or CSV ({@code post,period,start,people}; sites as {@code <site>,routed-hour|departed-hour,...})
     * when the file name ends in .csv.
     */
    public void write(Path file) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            if (file.getFileName().toString().endsWith(".csv")) {
                Files.writeString(file, csv());
            } else {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), asMap());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ground truth to " + file, e);
        }
    }

    private String csv() {
        StringBuilder csv = new StringBuilder("post,period,start,people\n");
        posts.forEach((post, totals) -> {
            csv.append(post).append(",total,").append(header.get("from")).append(',').append(totals[0]).append('\n');
            days.get(post).forEach((day, count) -> csv.append(post).append(",day,").append(day).append(',').append(count).append('\n'));
            hours.get(post).forEach((hour, count) -> csv.append(post).append(",hour,").append(hour).append(',').append(count).append('\n'));
        });
        sites.forEach((site, counts) -> {
            counts.routed.forEach((hour, count) -> csv.append(site).append(",routed-hour,").append(hour).append(',').append(count).append('\n'));
            counts.departed.forEach((hour, count) -> csv.append(site).append(",departed-hour,").append(hour).append(',').append(count).append('\n'));
        });
        return csv.toString();
    }

    private SiteTruth site(String site) {
        return sites.computeIfAbsent(site, s -> new SiteTruth());
    }

    private static String hourOf(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS).toString();
    }

    /** One site's people in and out, per UTC hour, and who left why. */
    private static final class SiteTruth {

        private final Map<String, Long> routed = new TreeMap<>();
        private final Map<String, Long> departed = new TreeMap<>();
        private final Map<String, Long> byReason = new TreeMap<>();

        Map<String, Object> asMap() {
            return Map.of("routed", routed.values().stream().mapToLong(Long::longValue).sum(),
                    "departed", departed.values().stream().mapToLong(Long::longValue).sum(),
                    "departedByReason", byReason, "routedHours", routed, "departedHours", departed);
        }
    }
}
