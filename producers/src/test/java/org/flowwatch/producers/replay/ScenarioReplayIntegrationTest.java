package org.flowwatch.producers.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.schemas.testing.StackTopics.serdesWithTopics;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.producers.testing.TopicReader;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class ScenarioReplayIntegrationTest {

    @Test
    void shouldWriteGroundTruthEqualToWhatReachedTheTopic(EmbeddedStack stack) throws InterruptedException {
        // given: a replay with resends and a silence, through a post of its own
        String post = "it-replay-" + UUID.randomUUID();
        FlowwatchSerdes serdes = serdesWithTopics(stack);
        ReplaySettings settings = ScenarioReplayTest.settings(Map.of("replay.hours", "8", "replay.post", post,
                "replay.resend.share", "0.05", "replay.silence.post", post, "replay.silence.after", "2h", "replay.silence.length", "3h"));
        Map<String, Object> kafka = Map.of("bootstrap.servers", stack.bootstrapServers());
        ScenarioReplay.Sent sent;
        // when
        try (ScenarioReplay.Publishers publishers = ScenarioReplay.Publishers.open(kafka, serdes)) {
            sent = new ScenarioReplay(settings).runInto(publishers, (h, p) -> { });
        }
        // then: counting each eventId once, the topic holds exactly the ground truth, hour by hour
        List<CrossingEvent> onTopic = TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.CROSSINGS,
                crossing -> crossing.getPostId().equals(post));
        Map<UUID, CrossingEvent> distinct = new LinkedHashMap<>();
        onTopic.forEach(crossing -> distinct.putIfAbsent(crossing.getEventId(), crossing));
        assertThat(onTopic).hasSize((int) (sent.groups() + sent.resends()));
        assertThat(distinct.values().stream().mapToLong(CrossingEvent::getPeople).sum()).isEqualTo(sent.people());
        for (Instant hour = settings.start(); hour.isBefore(settings.end()); hour = hour.plus(Duration.ofHours(1))) {
            final Instant start = hour;
            long counted = distinct.values().stream()
                    .filter(c -> c.getOccurredAt().truncatedTo(ChronoUnit.HOURS).equals(start))
                    .mapToLong(CrossingEvent::getPeople).sum();
            assertThat(counted).as("people in hour %s", hour).isEqualTo(sent.truth().peopleInHour(post, hour));
        }
        // and the departures from the reception sites on their topic are the ground truth's, hour by hour
        List<SiteMovement> departures = TopicReader.readAll(stack.bootstrapServers(), serdes, Topics.SITE_MOVEMENTS,
                movement -> settings.destinations().contains(movement.getFromSiteId()));
        assertThat(departures).isNotEmpty();
        for (Instant hour = settings.start(); hour.isBefore(settings.end()); hour = hour.plus(Duration.ofHours(1))) {
            for (String site : settings.destinations()) {
                final Instant start = hour;
                long departed = departures.stream().filter(m -> m.getFromSiteId().equals(site))
                        .filter(m -> m.getOccurredAt().truncatedTo(ChronoUnit.HOURS).equals(start)).mapToLong(SiteMovement::getPeople).sum();
                assertThat(departed).as("departures from %s in hour %s", site, hour).isEqualTo(sent.truth().departuresInHour(site, hour));
            }
        }
    }
}
