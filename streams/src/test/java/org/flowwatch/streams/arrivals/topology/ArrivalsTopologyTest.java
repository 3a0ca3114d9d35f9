package org.flowwatch.streams.arrivals.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.errors.RejectHeaders;
import org.flowwatch.streams.arrivals.validation.Rejection.Reason;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Validation, dead letters, dedupe and the valid-crossings topic, on the production topology. */
class ArrivalsTopologyTest {

    @AutoClose
    private final ArrivalsDriver fixture = new ArrivalsDriver(ArrivalsSettings.defaults());

    @Test
    void shouldPublishFirstSeenValidCrossingKeyedByPostAndStampedWhenItHappened() {
        // given a crossing sent an hour after it happened (record timestamp = sending time)
        CrossingEvent crossing = aCrossing().atPost("BP-09").people(4).at(T0).build();
        fixture.crossings.pipeInput("BP-09", crossing, T0.plus(Duration.ofHours(1)));

        // when
        TestRecord<String, CrossingEvent> published = fixture.valid.readRecord();

        // then
        assertThat(published.key()).isEqualTo("BP-09");
        assertThat(published.value()).isEqualTo(crossing);
        assertThat(published.getRecordTime()).isEqualTo(T0);
        assertThat(fixture.valid.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepAnOriginNamingAPlaceOfTheReferenceDataAndBlankAnyOtherTextWhileCountingThePeople() {
        // given three groups: from Stepanakert (a place of origin, typed in another case), from a free text that
        // names a person and a phone number, and from a border post (a site, but not a place people come from)
        CrossingEvent listed = aCrossing().atPost("BP-09").people(4).at(T0).build();
        listed.setOrigin("Stepanakert");
        CrossingEvent personal = aCrossing().atPost("BP-09").people(3).at(T0).build();
        personal.setOrigin("Anna P., +374 91 234567");
        CrossingEvent notAPlace = aCrossing().atPost("BP-09").people(2).at(T0).build();
        notAPlace.setOrigin("BP-07");

        // when
        List.of(listed, personal, notAPlace).forEach(fixture::pipe);

        // then every group is published and counted, only the listed origin kept (by its id), the other two blanked
        assertThat(fixture.valid.readValuesToList()).extracting(CrossingEvent::getPeople, CrossingEvent::getOrigin)
                .containsExactly(tuple(4, "stepanakert"), tuple(3, null), tuple(2, null));
        assertThat(fixture.counter("crossings", "origin-unlisted")).isEqualTo(2.0);
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldKeepADestinationNamingASiteOfTheReferenceDataAndMarkAnyOtherTextUnlistedWhileCountingThePeople() {
        // given three groups sent to Goris (a listed site), to a free text naming a host and a phone, and to
        // Stepanakert (listed, but a place people come from, not one they stay at)
        List<CrossingEvent> groups = List.of(aCrossing().atPost("BP-09").people(4).at(T0).destination("GORIS").build(),
                aCrossing().atPost("BP-09").people(3).at(T0).destination("Anahit Petrosyan +374 91 234567").build(),
                aCrossing().atPost("BP-09").people(2).at(T0).destination("Stepanakert").build());

        // when
        groups.forEach(fixture::pipe);

        // then every group is published and counted; only the listed site kept, the other two blanked and marked
        assertThat(fixture.valid.readValuesToList())
                .extracting(CrossingEvent::getPeople, CrossingEvent::getDestinationSiteId, CrossingEvent::getDestinationUnlisted)
                .containsExactly(tuple(4, "GORIS", false), tuple(3, null, true), tuple(2, null, true));
        assertThat(fixture.counter("crossings", "destination-unlisted")).isEqualTo(2.0);
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldCountOnceWhenAPostResendsTheSameEvent() {
        // given a post that was offline resends its crossing twice, a day later
        UUID eventId = UUID.randomUUID();
        fixture.pipe(aCrossing().eventId(eventId).people(5).at(T0).build());
        fixture.crossings.pipeInput("BP-07", aCrossing().eventId(eventId).people(5).at(T0).build(), T0.plus(Duration.ofDays(1)));
        fixture.crossings.pipeInput("BP-07", aCrossing().eventId(eventId).people(5).at(T0).build(), T0.plus(Duration.ofDays(1)));

        // then
        assertThat(fixture.valid.readValuesToList()).hasSize(1);
        assertThat(fixture.counter("crossings", "duplicate")).isEqualTo(2.0);
        assertThat(fixture.hourly.readValuesToList()).filteredOn(count -> count.getScopeId().equals("BP-07"))
                .extracting(count -> count.getPeople()).containsOnly(5L);
    }

    static Stream<Arguments> invalidCrossings() {
        AgeBands three = new AgeBands(1, 1, 1, 0, 0);
        return Stream.of(
                Arguments.of("unknown post", aCrossing().atPost("BP-99").build(), Reason.UNKNOWN_POST, "postId"),
                Arguments.of("a reception centre", aCrossing().atPost("GORIS").build(), Reason.NOT_A_BORDER_POST, "postId"),
                Arguments.of("nobody", aCrossing().people(0).build(), Reason.PEOPLE_OUT_OF_RANGE, "people"),
                Arguments.of("more than the maximum", aCrossing().people(201).build(), Reason.PEOPLE_OUT_OF_RANGE, "people"),
                Arguments.of("negative vehicles", aCrossing().vehicles(-1).build(), Reason.NEGATIVE_COUNT, "vehicles"),
                Arguments.of("breakdown above people", aCrossing().people(5).breakdown(new SexAgeBreakdown(three, three)).build(),
                        Reason.BREAKDOWN_EXCEEDS_PEOPLE, "breakdown"),
                Arguments.of("in the future", aCrossing().at(T0.plus(Duration.ofMinutes(6))).build(), Reason.IN_THE_FUTURE, "occurredAt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCrossings")
    void shouldDeadLetterWithReasonAndSourceWhenCrossingBreaksARule(String why, CrossingEvent crossing, Reason reason, String field) {
        // when the crossing is sent at T0 (an in-the-future one claims to have happened after that)
        fixture.crossings.pipeInput(crossing.getPostId(), crossing, T0);

        // then
        TestRecord<byte[], byte[]> dead = fixture.deadLetters.readRecord();
        assertRejectHeaders(dead.headers(), reason, field, 0);
        assertThat(fixture.serdes.value(Topics.CROSSINGS).deserializer().deserialize(Topics.CROSSINGS.name(), dead.value()))
                .isEqualTo(crossing);
        assertThat(fixture.counter("crossings", "rejected-" + reason.metricName())).isEqualTo(1.0);
        assertThat(fixture.valid.isEmpty()).isTrue();
        assertThat(fixture.hourly.isEmpty()).isTrue();
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterWhenCrossingHappenedBeforeTheHorizon() {
        // given stream time is at T0 + 8 days
        fixture.pipe(aCrossing().at(T0.plus(Duration.ofDays(8))).build());

        // when a crossing of T0 arrives: older than the 7-day horizon dedupe remembers
        fixture.pipe(aCrossing().at(T0).build());

        // then
        assertRejectHeaders(fixture.deadLetters.readRecord().headers(), Reason.BEFORE_HORIZON, "occurredAt", 1);
        assertThat(fixture.valid.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldDeadLetterUndecodableBytesAndCarryOnCounting() {
        // given
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        fixture.rawCrossings.pipeInput("BP-07".getBytes(StandardCharsets.UTF_8), garbage, T0);

        // when a good crossing follows
        fixture.pipe(aCrossing().people(3).build());

        // then the garbage sits in the dead-letter topic as it was sent, and the app counted the next crossing
        TestRecord<byte[], byte[]> dead = fixture.deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(garbage);
        assertRejectHeaders(dead.headers(), Reason.UNDECODABLE, "value", 0);
        assertThat(fixture.valid.readValuesToList()).extracting(CrossingEvent::getPeople).containsExactly(3);
        assertThat(fixture.deadLetters.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterHeartbeatWhenPostIsUnknown() {
        // given
        PostHeartbeat heartbeat = PostHeartbeat.newBuilder().setPostId("BP-99").setSentAt(T0).build();

        // when
        fixture.heartbeats.pipeInput("BP-99", heartbeat, T0);

        // then
        TestRecord<byte[], byte[]> dead = fixture.deadLetters.readRecord();
        assertThat(RejectHeaders.value(dead.headers(), RejectHeaders.REASON)).isEqualTo("UNKNOWN_POST");
        assertThat(RejectHeaders.value(dead.headers(), RejectHeaders.SOURCE_TOPIC)).isEqualTo(Topics.HEARTBEATS.name());
        assertThat(fixture.counter("heartbeats", "rejected-unknown-post")).isEqualTo(1.0);
    }

    @Test
    void shouldNameEveryOperatorStoreAndInternalTopicExplicitly() {
        // when
        String description = new ArrivalsTopology(fixture.serdes, ArrivalsSettings.defaults())
                .build(ArrivalsDriver.props()).describe().toString();

        // then no generated KSTREAM-...-0000000001 names, which would move state on the next change
        assertThat(description).doesNotContainPattern("KSTREAM-\\w+-\\d{10}").doesNotContainPattern("KTABLE-\\w+-\\d{10}")
                .contains("crossings-source", "check-crossings", StoreNames.SEEN, ArrivalsTopology.BY_SCOPE,
                        "arrivals-hourly-store", "arrivals-daily-store", "count-each-scope");
    }

    private static void assertRejectHeaders(Headers headers, Reason reason, String field, long offset) {
        assertThat(RejectHeaders.value(headers, RejectHeaders.REASON)).isEqualTo(reason.name());
        assertThat(RejectHeaders.value(headers, RejectHeaders.FIELD)).isEqualTo(field);
        assertThat(RejectHeaders.value(headers, RejectHeaders.SOURCE_TOPIC)).isEqualTo(Topics.CROSSINGS.name());
        assertThat(RejectHeaders.value(headers, RejectHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(RejectHeaders.value(headers, RejectHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(offset));
    }

}
