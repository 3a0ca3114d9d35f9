package org.flowwatch.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serializer;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.replay.CrossingGenerator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/**
 * Crossings as a post records them, drawn as the 2023 replay draws them (groups of 1 to 8 with sex and age bands,
 * needs, a vehicle, a destination), each happening now with an id of its own, taken in turn by the given posts.
 * Sizes on the wire depend on these fields, so they are the realistic ones, not a bare head count.
 */
final class EdgeCrossings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DRAWN = 1_000; // groups of at most 8 people: 8,000 people make at least 1,000 groups

    private final List<CrossingEvent> groups;
    private final List<String> posts;
    private final Random random = new Random(2023);
    private long taken;

    EdgeCrossings(List<String> posts) {
        this.posts = List.copyOf(posts);
        this.groups = new CrossingGenerator(2023, posts.get(0), List.of("goris", "vayk"))
                .groups(DRAWN * 8L, Instant.parse("2023-09-25T06:00:00Z"), Duration.ofHours(12)).subList(0, DRAWN);
    }

    /** The next crossing, at the next post in turn, crossed and recorded at {@code now}. */
    CrossingEvent next(Instant now) {
        CrossingEvent crossing = CrossingEvent.newBuilder(groups.get((int) (taken % groups.size())))
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(posts.get((int) (taken % posts.size())))
                .setOccurredAt(now).setRecordedAt(now).build();
        taken++;
        return crossing;
    }

    /** The crossing as one JSON object of named fields: a line of a tablet export, or the gateway's request body. */
    static String json(CrossingEvent crossing) {
        try {
            return JSON.writeValueAsString(CrossingFields.fieldsOf(crossing));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a crossing's fields could not be written as JSON", e);
        }
    }

    /** Mean bytes of a crossing's record value as the producers write it: Avro in the Confluent wire format (5-byte header). */
    double meanValueBytes(FlowwatchSerdes serdes) {
        try (Serializer<CrossingEvent> serializer = serdes.value(Topics.CROSSINGS).serializer()) {
            return groups.stream().mapToInt(group -> serializer.serialize(Topics.CROSSINGS.name(), group).length).average().orElseThrow();
        }
    }
}
