package org.flowwatch.producers.odk;

import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.schemas.testing.StackTopics.serdesWithTopics;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.producers.gateway.SignsOfLife;
import org.flowwatch.producers.gateway.SubmissionIds;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.producers.publish.CrossingPublisher;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.producers.testing.TopicReader;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class OdkPullIntegrationTest {

    private static final Instant T0 = Instant.parse("2023-09-26T05:00:00.123Z");
    private final String post = "it-odk-" + UUID.randomUUID();

    @Test
    void shouldPublishEverySubmissionAndEveryEditOnceWhenPullerRestartsAndCentralIsDownForAWhile(EmbeddedStack stack, @TempDir Path dir)
            throws Exception {
        // given Central holds 4 submissions (two pages of 2), the puller pulls them and is stopped
        FlowwatchSerdes serdes = serdesWithTopics(stack);
        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.bootstrapServers());
        List<String> ids = IntStream.rangeClosed(1, 7).mapToObj(i -> "uuid:" + UUID.randomUUID()).toList();
        try (FakeOdkCentral central = new FakeOdkCentral();
             CrossingPublisher publisher = new CrossingPublisher(kafka, serdes);
             TopicPublisher<PostHeartbeat> heartbeats = new TopicPublisher<>(Topics.HEARTBEATS, kafka, serdes)) {
            for (int i = 0; i < 4; i++) {
                central.submit(ids.get(i), i + 1, T0.plusSeconds(i));
            }
            OdkPullSettings settings = settings(central, dir.resolve("gateway").resolve("odk.cursor"));
            Supplier<OdkPuller> newPuller = () -> new OdkPuller(settings, publisher, SignsOfLife.to(heartbeats), Clock.systemUTC());
            Running first = Running.start(newPuller.get());
            await().alias("first 4 submissions published").atMost(ofSeconds(30))
                    .untilAsserted(() -> assertThat(published(stack, serdes)).hasSize(4));
            first.stop();

            // when Central takes 3 more (one in the same millisecond as the last pulled), then answers 503 for a while,
            // and a new puller starts from the cursor file
            central.submit(ids.get(4), 5, T0.plusSeconds(3));
            central.submit(ids.get(5), 6, T0.plusSeconds(60));
            central.submit(ids.get(6), 7, T0.plusSeconds(61));
            central.unavailableFor(3);
            pullUntilPublished(newPuller.get(), 7, central, stack, serdes);

            // then each submission is on the topic exactly once, with the eventId of its instance id
            assertThat(central.refusedWith503()).as("the 503 spell was met").isEqualTo(3);
            assertThat(published(stack, serdes).subList(0, 7)).extracting(crossing -> crossing.getEventId().toString())
                    .containsExactlyInAnyOrderElementsOf(ids.stream().map(id -> SubmissionIds.eventIdFor(id).toString()).toList());
            assertThat(published(stack, serdes)).extracting(CrossingEvent::getPeople).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
            assertThat(TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.HEARTBEATS, h -> h.getPostId().equals(post)))
                    .as("each run that published is a sign of life").isNotEmpty()
                    .extracting(PostHeartbeat::getClientVersion).containsOnly(SignsOfLife.CLIENT_VERSION);

            // and when a supervisor corrects the third submission in Central (3 → 30 people) after it was pulled,
            // the next puller reads the edit once: the same eventId, revision 1, which replaces the 3 in the counts
            central.edit(ids.get(2), 30, T0.plusSeconds(3_600));
            pullUntilPublished(newPuller.get(), 8, central, stack, serdes);
            CrossingEvent edit = published(stack, serdes).get(7);
            assertThat(edit.getEventId()).isEqualTo(SubmissionIds.eventIdFor(ids.get(2)));
            assertThat(edit.getRevision()).isEqualTo(1);
            assertThat(edit.getPeople()).isEqualTo(30);
            assertThat(published(stack, serdes)).as("nothing else published again").hasSize(8);
        }
    }

    /**
     * Runs {@code puller} until {@code count} crossings of this post are on the topic, lets it poll three more times
     * (to publish anything again, were it to) and stops it.
     */
    private void pullUntilPublished(OdkPuller puller, int count, FakeOdkCentral central, EmbeddedStack stack, FlowwatchSerdes serdes)
            throws InterruptedException {
        Running running = Running.start(puller);
        await().alias(count + " crossings published").atMost(ofSeconds(30))
                .untilAsserted(() -> assertThat(published(stack, serdes)).hasSize(count));
        int seen = central.requests();
        await().alias("three more polls").atMost(ofSeconds(30)).until(() -> central.requests() >= seen + 3);
        running.stop();
    }

    private List<CrossingEvent> published(EmbeddedStack stack, FlowwatchSerdes serdes) {
        return TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.CROSSINGS, crossing -> crossing.getPostId().equals(post));
    }

    private OdkPullSettings settings(FakeOdkCentral central, Path cursor) {
        return new OdkPullSettings(URI.create(central.url()), "7", "crossings", FakeOdkCentral.USER, FakeOdkCentral.PASSWORD,
                post, Duration.ofMillis(100), 2, Duration.ofMillis(400), cursor, new GroupSizeLimit(200));
    }

    /** A puller on a thread of its own, stopped and joined. */
    private record Running(OdkPuller puller, Thread thread) {

        static Running start(OdkPuller puller) {
            Thread thread = new Thread(() -> {
                try {
                    puller.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "odk-puller");
            thread.start();
            return new Running(puller, thread);
        }

        void stop() throws InterruptedException {
            puller.stop();
            thread.join(10_000);
            assertThat(thread.isAlive()).as("puller stopped").isFalse();
        }
    }
}
