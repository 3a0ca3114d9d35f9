package org.flowwatch.streams.sites;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.flowwatch.streams.sites.alerts.Reading;
import org.flowwatch.streams.sites.alerts.Sentences;

/**
 * POST_SILENT alerts: a post that sent no crossing and no heartbeat for a while, by WALL CLOCK (event time says
 * nothing about a post that lost its network: no event arrives). Any message from the post resolves it at once.
 */
final class PostSilenceProcessor implements Processor<String, Object, String, Alert> {

    static final String LAST_HEARD_STORE = "post-last-heard-store";
    static final String ALERTS_STORE = "silent-alerts-store";

    private final AlertRules rules;
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
    public void process(Record<String, Object> record) {
        long now = context.currentSystemTimeMs();
        lastHeard.put(record.key(), now);
        judge(record.key(), now, now);
    }

    private void judgeAll(long now) {
        List<KeyValue<String, Long>> posts = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = lastHeard.all()) {
            all.forEachRemaining(posts::add);
        }
        posts.forEach(post -> judge(post.key, post.value, now));
    }

    private void judge(String postId, long heardAt, long now) {
        Duration silence = Duration.ofMillis(now - heardAt);
        String region = reference.site(postId).map(Site::getAdm1Code).orElse("");
        Reading reading = new Reading("POST_SILENT/" + postId, AlertKind.POST_SILENT, Instant.ofEpochMilli(now),
                Map.of("post", postId, "region", region),
                Map.of("silentSeconds", (double) silence.toSeconds(), "lastHeardAt", (double) heardAt),
                Sentences.silent(reference.nameOf(postId), silence));
        episodes.assess(reading, rules.silence(), silence.toMillis())
                .ifPresent(alert -> context.forward(new Record<>(alert.getAlertId(), alert, now)));
    }
}
