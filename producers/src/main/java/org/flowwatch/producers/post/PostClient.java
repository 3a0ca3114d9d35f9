package org.flowwatch.producers.post;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.flowwatch.producers.journal.Backlog;
import org.flowwatch.producers.journal.CrossingJournal;
import org.flowwatch.producers.journal.JournalEntry;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.producers.gateway.SubmissionIds;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A border post at work: every crossing gets its eventId and goes into the journal first (so it survives no
 * network and a power cut), a background sender forwards the backlog to Kafka whenever Kafka can be reached, and
 * heartbeats tell the operations centre how much is still waiting.
 */
public final class PostClient implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostClient.class);
    static final String CLIENT_VERSION = "flowwatch-post/1";

    private final PostSettings settings;
    private final CrossingJournal journal;
    private final JournalSender sender;
    private final TopicPublisher<PostHeartbeat> heartbeats;
    private final ScheduledExecutorService heartbeatTimer;
    private final Clock clock;
    private final CrossingFields crossingFields;

    private PostClient(PostSettings settings, CrossingJournal journal, JournalSender sender, TopicPublisher<PostHeartbeat> heartbeats,
                       Clock clock) {
        this.settings = settings;
        this.journal = journal;
        this.sender = sender;
        this.heartbeats = heartbeats;
        this.clock = clock;
        this.crossingFields = new CrossingFields(settings.groupLimit());
        this.heartbeatTimer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "flowwatch-post-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Opens the journal (recovering it), starts sending its backlog and the heartbeats. */
    public static PostClient start(PostSettings settings, Map<String, Object> kafkaClient, FlowwatchSerdes serdes, Clock clock) {
        Map<String, Object> producerConfig = settings.producerConfig(kafkaClient);
        CrossingJournal journal = CrossingJournal.open(settings.journal());
        JournalSender sender = new JournalSender(journal, () -> new CrossingPublisher(producerConfig, serdes),
                settings.sendBatch(), settings.maxBackoff(), clock);
        PostClient client = new PostClient(settings, journal, sender, new TopicPublisher<>(Topics.HEARTBEATS, producerConfig, serdes), clock);
        sender.start();
        long every = settings.heartbeatInterval().toMillis();
        client.heartbeatTimer.scheduleAtFixedRate(client::sendHeartbeat, 0, every, TimeUnit.MILLISECONDS);
        return client;
    }

    /**
     * Records one crossing from its captured fields: a new eventId unless the fields carry one, crossed now unless
     * they say when. Returns once it is on disk. Throws {@link FieldException} for a bad field and
     * {@link org.flowwatch.producers.journal.JournalFullException} when the disk bound is reached.
     */
    public JournalEntry record(Map<String, String> fields) {
        Instant now = clock.instant();
        return record(crossingFields.toCrossing(fields, settings.postId(), UUID.randomUUID(), now, now));
    }

    /**
     * Records a correction of crossing {@code eventId}: the fields say the whole crossing as it should be (people and
     * {@code crossed_at} required; what they leave out is not taken from the original), journalled and sent like a
     * crossing, as a higher revision ({@link SubmissionIds#revisionAt}: seconds since 2020 of now) that replaces it.
     */
    public JournalEntry correct(UUID eventId, Map<String, String> fields) {
        Instant now = clock.instant();
        Map<String, String> withoutId = new HashMap<>(fields);
        withoutId.remove(CrossingFields.EVENT_ID);
        CrossingEvent correction = crossingFields.toCrossing(withoutId, settings.postId(), eventId, null, now);
        correction.setRevision(SubmissionIds.revisionAt(now));
        return record(correction);
    }

    /**
     * Records the withdrawal of crossing {@code eventId} (recorded in error): none of its people count any more. It
     * carries no figures; {@code crossedAt} (null: now) only has to be within the streams app's horizon of the crossing.
     */
    public JournalEntry withdraw(UUID eventId, Instant crossedAt) {
        Instant now = clock.instant();
        return record(CrossingEvent.newBuilder()
                .setEventId(eventId).setPostId(settings.postId())
                .setOccurredAt(crossedAt == null ? now : crossedAt).setRecordedAt(now)
                .setDirection(org.flowwatch.schemas.avro.Direction.ARRIVAL)
                .setPeople(0).setVehicles(0)
                .setRevision(SubmissionIds.revisionAt(now)).setWithdrawn(true)
                .build());
    }

    public JournalEntry record(CrossingEvent crossing) {
        JournalEntry entry = journal.append(crossing);
        sender.nudge();
        return entry;
    }

    public Backlog backlog() {
        return journal.backlog();
    }

    public JournalSender.SenderStatus senderStatus() {
        return sender.status();
    }

    public CrossingJournal journal() {
        return journal;
    }

    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        return sender.awaitDrained(timeout);
    }

    private void sendHeartbeat() {
        try {
            Backlog backlog = journal.backlog();
            // Fire and forget: a heartbeat lost offline is replaced by the next; their absence is the signal.
            Instant now = clock.instant();
            heartbeats.publish(settings.postId(), now, PostHeartbeat.newBuilder()
                    .setPostId(settings.postId())
                    .setSentAt(now)
                    .setPendingEvents(backlog.pendingEvents())
                    .setOldestPendingAt(backlog.oldestPendingAt())
                    .setClientVersion(CLIENT_VERSION)
                    .build());
        } catch (RuntimeException offline) {
            LOG.debug("post: heartbeat not sent: {}", offline.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        heartbeatTimer.shutdownNow();
        try {
            sender.close();
        } finally {
            heartbeats.close(Duration.ofSeconds(2));
            journal.close();
        }
    }
}
