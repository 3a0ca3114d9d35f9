package org.flowwatch.producers.odk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.producers.gateway.SignsOfLife;
import org.flowwatch.producers.odk.OdkCentralClient.CentralUnavailableException;
import org.flowwatch.producers.odk.OdkCentralClient.Page;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one ODK Central form's submissions as crossings: every {@code odk.poll.every}, all pages at or after the
 * cursor, each submission mapped by {@link OdkSubmission} (eventId from its instance id, so one published twice is
 * counted once) and published; once Kafka acknowledged the whole run the cursor moves on and is saved. While
 * Central or Kafka cannot answer it waits, doubling the wait up to {@code odk.backoff.max}, and the cursor stays.
 * A submission that breaks a field rule is logged (instance id and field, never its content) and passed over.
 */
public final class OdkPuller {

    private static final Logger LOG = LoggerFactory.getLogger(OdkPuller.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(30);

    private final OdkPullSettings settings;
    private final OdkCentralClient central;
    private final CrossingPublisher publisher;
    private final SignsOfLife signsOfLife;
    private final Clock clock;
    private final CrossingFields crossingFields;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private OdkCursor cursor;

    public OdkPuller(OdkPullSettings settings, CrossingPublisher publisher, SignsOfLife signsOfLife, Clock clock) {
        this.settings = settings;
        this.central = new OdkCentralClient(settings);
        this.publisher = publisher;
        this.signsOfLife = signsOfLife;
        this.clock = clock;
        this.crossingFields = new CrossingFields(settings.groupLimit());
        this.cursor = OdkCursor.load(settings.cursorFile());
    }

    /** What one run did: submissions published, submissions passed over for a bad field. */
    public record Run(int published, int refused) {
    }

    /** Pulls until {@link #stop()}; Central down or Kafka not acknowledging means waiting longer, never giving up. */
    public void run() throws InterruptedException {
        Duration wait = settings.pollEvery();
        while (stopped.getCount() > 0) {
            try {
                Run run = pullOnce();
                if (run.published() + run.refused() > 0) {
                    LOG.info("odk: {} submission(s) of form {} published for post {}, {} refused", run.published(),
                            settings.form(), settings.postId(), run.refused());
                }
                wait = settings.pollEvery();
            } catch (CentralUnavailableException | PublishTimeout e) {
                wait = nextBackoff(wait);
                LOG.warn("odk: {}; trying again in {}", e.getMessage(), wait);
            }
            if (stopped.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return;
            }
        }
    }

    public void stop() {
        stopped.countDown();
    }

    /** One pass over every page past the cursor; the cursor is saved once Kafka acknowledged all of it. */
    public Run pullOnce() throws CentralUnavailableException, PublishTimeout, InterruptedException {
        OdkCursor next = cursor;
        int published = 0;
        int refused = 0;
        Set<String> seenThisRun = new HashSet<>(); // pages may shift while Central takes new submissions
        Optional<URI> page = Optional.of(central.firstPage(cursor.changedAt()));
        while (page.isPresent()) {
            Page answer = central.page(page.get());
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (JsonNode submission : answer.submissions()) {
                String id = submission.path("__id").asText("");
                Instant changed = changedAt(submission);
                // an edit in Central keeps __id and counts up __system/edits: a version is both
                String version = id + "/" + submission.path("__system").path("edits").asText("0");
                if (id.isEmpty() || changed == null || !cursor.isNew(version, changed) || !seenThisRun.add(version)) {
                    continue;
                }
                Optional<CrossingEvent> crossing = toCrossing(submission, id);
                crossing.ifPresent(c -> acks.add(publisher.publish(c)));
                published += crossing.isPresent() ? 1 : 0;
                refused += crossing.isPresent() ? 0 : 1;
                next = next.after(version, changed);
            }
            awaitAcknowledged(acks);
            page = answer.next();
        }
        if (published > 0) {
            signsOfLife.heard(settings.postId(), clock.instant());
        }
        next.save(settings.cursorFile());
        cursor = next;
        return new Run(published, refused);
    }

    private Optional<CrossingEvent> toCrossing(JsonNode submission, String id) {
        try {
            // Of Central's own fields only what gives the revision (edits, updatedAt); not the submitter or device.
            ObjectNode crossing = submission.deepCopy();
            ObjectNode system = crossing.putObject("__system");
            for (String field : new String[] {"edits", "updatedAt"}) {
                JsonNode value = submission.path("__system").path(field);
                if (!value.isMissingNode() && !value.isNull()) {
                    system.set(field, value);
                }
            }
            return Optional.of(OdkSubmission.toCrossings(crossing, settings.postId(), clock.instant(), crossingFields).get(0));
        } catch (FieldException e) {
            LOG.warn("odk: submission {} of form {} refused, field {}: {}", id, settings.form(), e.field(), e.getMessage());
            return Optional.empty();
        }
    }

    /** When the submission last changed: submitted, or updated by an edit (or a review) in Central. */
    private static Instant changedAt(JsonNode submission) {
        try {
            Instant submitted = Instant.parse(submission.path("__system").path("submissionDate").asText(""));
            JsonNode updated = submission.path("__system").path("updatedAt");
            if (updated.isTextual()) {
                Instant at = OffsetDateTime.parse(updated.asText()).toInstant();
                return at.isAfter(submitted) ? at : submitted;
            }
            return submitted;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void awaitAcknowledged(List<Future<RecordMetadata>> acks) throws PublishTimeout, InterruptedException {
        long deadline = System.nanoTime() + ACK_TIMEOUT.toNanos();
        try {
            for (Future<RecordMetadata> ack : acks) {
                ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new PublishTimeout(acks.size() + " crossing(s) not acknowledged by Kafka (" + e.getMessage()
                    + "); the cursor stays");
        }
    }

    private Duration nextBackoff(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
    }

    /** Kafka did not acknowledge a run in time: nothing is lost, the same run is pulled again. */
    public static final class PublishTimeout extends Exception {
        PublishTimeout(String message) {
            super(message);
        }
    }
}
