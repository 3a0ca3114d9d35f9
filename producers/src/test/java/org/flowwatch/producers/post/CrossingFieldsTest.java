package org.flowwatch.producers.post;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.flowwatch.producers.replay.CrossingGenerator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.Test;

class CrossingFieldsTest {

    private static final Instant T0 = Instant.parse("2023-09-25T10:00:00Z");
    private static final CrossingFields FIELDS = new CrossingFields(new GroupSizeLimit(200));

    @Test
    void shouldReadBackTheSameCrossingWhenGivenTheFieldsOfOne() {
        // given: groups with a sex and age breakdown, needs, a vehicle and a destination
        List<CrossingEvent> groups = new CrossingGenerator(7, "kornidzor", List.of("goris")).groups(40, T0, Duration.ofHours(1));

        for (CrossingEvent group : groups) {
            // when
            CrossingEvent readBack = FIELDS.toCrossing(CrossingFields.fieldsOf(group), "kornidzor", null, null, group.getRecordedAt());

            // then
            assertThat(readBack).as("crossing %s", group.getEventId()).isEqualTo(group);
        }
    }
}
