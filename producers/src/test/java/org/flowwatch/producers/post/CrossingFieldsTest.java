package org.flowwatch.producers.post;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flowwatch.producers.replay.CrossingGenerator;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CrossingFieldsTest {

    private static final Instant AT = Instant.parse("2023-09-25T10:00:00Z");
    private final CrossingFields fields = new CrossingFields(new GroupSizeLimit(500));

    @Test
    void shouldReadBackTheSameCrossingWhenGivenTheFieldsOfOne() {
        // given: groups with a sex and age breakdown, needs, a vehicle and a destination
        List<CrossingEvent> groups = new CrossingGenerator(7, "kornidzor", List.of("goris")).groups(40, AT, Duration.ofHours(1));

        for (CrossingEvent group : groups) {
            // when
            CrossingEvent readBack = fields.toCrossing(CrossingFields.fieldsOf(group), "kornidzor", null, null, group.getRecordedAt());

            // then
            assertThat(readBack).as("crossing %s", group.getEventId()).isEqualTo(group);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stepanakert", "Martakert", "Ասկերան", "Степанакерт", "Shushi-Kend", "Nor Shen"})
    void shouldKeepAnOriginThatIsAPlaceName(String origin) {
        assertThat(crossingFrom(origin).getOrigin()).isEqualTo(origin);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anna P., +374 91 234567", "12 Tumanyan St", "passport AM1234567", "anna@example.org",
            "a very long origin that goes on and on and on and would hold anything someone typed in there"})
    void shouldRefuseAnOriginThatCouldCarryAnAddressANumberOrSomeonesDetailsNamingTheField(String origin) {
        assertThatThrownBy(() -> crossingFrom(origin)).isInstanceOf(FieldException.class)
                .hasMessageContaining("origin").hasMessageContaining("not an address, a number or anyone's details");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Anahit Petrosyan", "+37491234567", "AM1234567", "anahit@example.am", "Mashtots 12, Goris"})
    void shouldRefuseADestinationThatIsNoSiteIdNamingTheField(String destination) {
        Map<String, String> typed = Map.of(CrossingFields.PEOPLE, "4", CrossingFields.DESTINATION, destination);
        assertThatThrownBy(() -> fields.toCrossing(typed, "kornidzor", UUID.randomUUID(), AT, AT)).isInstanceOf(FieldException.class)
                .hasMessageStartingWith("destination: must be a site id from the list of sites");
    }

    private CrossingEvent crossingFrom(String origin) {
        return fields.toCrossing(Map.of(CrossingFields.PEOPLE, "4", CrossingFields.ORIGIN, origin), "kornidzor",
                UUID.randomUUID(), AT, AT);
    }
}
