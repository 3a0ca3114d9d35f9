package org.flowwatch.streams.sites;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.time.OpeningHours;
import org.flowwatch.streams.sites.alerts.Band;
import org.flowwatch.streams.sites.alerts.Reading;
import org.flowwatch.streams.sites.alerts.Sentences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST_SILENT alerts: a post that sent no crossing and no heartbeat for a while, by WALL CLOCK (event time says
 * nothing about a post that lost its network: no event arrives). Any message from the post resolves it at once.
 * Silence counts only while the post is open (its {@code openingHours} in the sites reference data, in the
 * operation's time zone; none = always). A border post in the reference data that was never heard is noticed
 * (when the app starts, or when the post is added) and raises POST_SILENT "never reported" after
 * {@code neverHeardAfter}. The last-heard store holds the time a post was last heard, or minus the time a
 * never-heard post was noticed (durable, so a restart does not start the count again). A sign of life keyed by
 * neither a site of the reference data nor a post heard before is ignored.
 */
final class PostSilenceProcessor implements Processor<String, SignOfLife, String, Alert> {

    static final String LAST_HEARD_STORE = "post-last-heard-store";
    static final String ALERTS_STORE = "silent-alerts-store";
    private static final Logger LOG = LoggerFactory.getLogger(PostSilenceProcessor.class);
    private static final long RESTAMP_AFTER_MS = 1_000;

    private final AlertRules rules;
    private final Map<String, OpeningHours> parsedHours = new HashMap<>();
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, Long> lastHeard;
    private EpisodeBook episodes;
    private ReferenceData reference;

    PostSilenceProcessor(AlertRules rules) {
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
        lastHeard = context.getStateStore(LAST_HEARD_STORE);
        episodes = new EpisodeBook(context.getStateStore(ALERTS_STORE));
        reference = ReferenceData.in(context, rules);
        context.schedule(rules.silentCheckEvery(), PunctuationType.WALL_CLOCK_TIME, this::judgeAll);
    }

    @Override
    public void process(Record<String, SignOfLife> record) {
        // Heartbeats are read as sent: a key the reference data never listed is no post's (the arrivals app dead-letters
        // it), and may be anything its sender typed, which would become the alert's id, label and sentence. A post
        // heard before and since taken out of the reference data is still judged.
        Long heard = lastHeard.get(record.key());
        if (heard == null && reference.site(record.key()).isEmpty()) {
            return;
        }
        long now = context.currentSystemTimeMs();
        // Heard within the last second: the stored time stands (silences are judged in minutes), which spares a store
        // write and a changelog record for nearly every crossing of a busy post.
        if (heard == null || heard < 0 || now - heard >= RESTAMP_AFTER_MS) {
            lastHeard.put(record.key(), now);
        }
        // Heard now, a post's silence is zero: only an open episode can change (it resolves).
        if (episodes.isOpen(episodeKey(record.key()))) {
            judge(record.key(), now, now);
        }
    }

    private void judgeAll(long now) {
        noticeNeverHeardPosts(now);
        List<KeyValue<String, Long>> posts = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = lastHeard.all()) {
            all.forEachRemaining(posts::add);
        }
        posts.forEach(post -> judge(post.key, post.value, now));
    }

    /** Border posts of the reference data this task would hear, never heard yet: noticed now (stored as -now). */
    private void noticeNeverHeardPosts(long now) {
        for (Site post : reference.sitesOfKind(SiteKind.BORDER_POST)) {
            if (ownedHere(post.getSiteId()) && lastHeard.get(post.getSiteId()) == null) {
                lastHeard.put(post.getSiteId(), -now);
            }
        }
    }

    // Signs of life are keyed by post with the producers' default partitioner: only the task of that partition hears it.
    private boolean ownedHere(String postId) {
        int partitions = Math.max(1, rules.signsOfLifePartitions());
        return partitions == 1 || Utils.toPositive(Utils.murmur2(postId.getBytes(StandardCharsets.UTF_8))) % partitions
                == context.taskId().partition();
    }

    private void judge(String postId, long stored, long now) {
        if (stored < 0) {
            judgeNeverHeard(postId, -stored, now);
            return;
        }
        Optional<Site> site = reference.site(postId);
        OpeningHours hours = openingHours(site);
        Duration silence = hours.openBetween(Instant.ofEpochMilli(stored), Instant.ofEpochMilli(now), rules.zone());
        Supplier<String> summary = () -> Sentences.silent(reference.nameOf(postId), silence)
                + (hours.isAlways() || silence.isZero() ? "" : " of opening hours (" + hours + ")");
        assess(postId, site, now, Map.of("silentSeconds", (double) silence.toSeconds(), "lastHeardAt", (double) stored),
                summary, rules.silence(), silence);
    }

    private void judgeNeverHeard(String postId, long noticedAt, long now) {
        Optional<Site> site = reference.site(postId);
        if (site.isEmpty()) {
            lastHeard.delete(postId); // taken out of the reference data before it ever reported: nothing to wait for
            assess(postId, site, now, Map.of("silentSeconds", 0.0), () -> reference.nameOf(postId) + ": no longer a post",
                    rules.neverHeard(), Duration.ZERO);
            return;
        }
        Duration waited = Duration.ofMillis(now - noticedAt);
        assess(postId, site, now, Map.of("silentSeconds", (double) waited.toSeconds(), "noticedAt", (double) noticedAt),
                () -> site.get().getName() + ": never reported (no crossing, heartbeat or submission in " + hoursAndMinutes(waited)
                        + " since it was listed)", rules.neverHeard(), waited);
    }

    private void assess(String postId, Optional<Site> site, long now, Map<String, Double> evidence, Supplier<String> summary,
                        Band band, Duration measure) {
        String region = site.map(Site::getAdm1Code).orElse("");
        Reading reading = new Reading(episodeKey(postId), AlertKind.POST_SILENT, Instant.ofEpochMilli(now),
                Map.of("post", postId, "region", region), evidence, summary);
        episodes.assess(reading, band, measure.toMillis())
                .ifPresent(alert -> context.forward(new Record<>(alert.getAlertId(), alert, now)));
    }

    // Parsed once per distinct text; a value the reference data should not hold counts as always open (and is logged once).
    private OpeningHours openingHours(Optional<Site> site) {
        String text = site.map(Site::getOpeningHours).orElse(null);
        if (text == null) {
            return OpeningHours.ALWAYS;
        }
        return parsedHours.computeIfAbsent(text, raw -> {
            try {
                return OpeningHours.parse(raw);
            } catch (IllegalArgumentException e) {
                LOG.warn("POST_SILENT: post {} {}; counting it as always open", site.get().getSiteId(), e.getMessage());
                return OpeningHours.ALWAYS;
            }
        });
    }

    private static String hoursAndMinutes(Duration duration) {
        return duration.toHours() > 0 ? duration.toHours() + " h " + duration.toMinutesPart() + " min" : duration.toMinutes() + " min";
    }

    private static String episodeKey(String postId) {
        return "POST_SILENT/" + postId;
    }
}
