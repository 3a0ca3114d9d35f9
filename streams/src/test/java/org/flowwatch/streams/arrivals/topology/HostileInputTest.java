package org.flowwatch.streams.arrivals.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serializer;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.testing.HostileRecords;
import org.junit.jupiter.api.Test;

/**
 * 100,000 hostile records into the crossings topic: random bytes, truncated and bit-flipped Avro, unknown schema ids,
 * valid Avro with absurd values and huge strings, between valid crossings and resends. The topology must never stop;
 * every record must end either valid (on the valid-crossings topic), dead-lettered with a reason, or dropped as a
 * counted duplicate; and every person of every valid record must be in the operation's daily counts (or, if it came
 * after the day's grace, on the late topic): exact, whatever the valid ones turned out to be.
 */
class HostileInputTest {

    /** 20,000 by default (100,000 until 5 Dec: 56 s of the test command); {@code -Dflowwatch.fuzz.unit.records=N} for more. */
    private static final int RECORDS = Integer.getInteger("flowwatch.fuzz.unit.records", 20_000);
    /** Whatever the number of records, they span 100,000 s of stream time: a day boundary, its grace and late records. */
    private static final long STEP_SECONDS = Math.max(1, 100_000 / RECORDS);
    private static final Instant T0 = Instant.parse("2023-09-25T04:00:00Z");
    private static final String[] POSTS = {"BP-07", "BP-09", "BP-20"};

    private final HostileRecords hostile = new HostileRecords(20230925);

    @Test
    void shouldDeadLetterOrCountEveryRecordExactlyWhenFuzzed() {
        try (ArrivalsDriver arrivals = new ArrivalsDriver(ArrivalsSettings.defaults())) {
            Serializer<CrossingEvent> serializer = arrivals.serdes.value(Topics.CROSSINGS).serializer();
            byte[] lastValid = serializer.serialize(Topics.CROSSINGS.name(), crossing(0));

            // when
            for (int i = 0; i < RECORDS; i++) {
                Instant now = T0.plusSeconds(i * STEP_SECONDS);
                byte[] value = switch (i % 10) {
                    case 0, 1 -> lastValid = serializer.serialize(Topics.CROSSINGS.name(), crossing(i));
                    case 2 -> hostile.randomBytes();
                    case 3 -> hostile.truncated(lastValid);
                    case 4 -> hostile.bitFlipped(lastValid);
                    case 5 -> hostile.unknownSchemaId(lastValid);
                    case 6 -> serializer.serialize(Topics.CROSSINGS.name(), hostile.absurd(crossing(i)));
                    case 7 -> lastValid; // a resend
                    default -> i % 1000 == 8 ? serializer.serialize(Topics.CROSSINGS.name(), hostile.huge(crossing(i), 1 << 20))
                            : hostile.randomBytes();
                };
                arrivals.rawCrossings.pipeInput(POSTS[i % POSTS.length].getBytes(), value, now);
            }

            // then every record is accounted for
            var valid = arrivals.valid.readValuesToList();
            long deadLetters = arrivals.deadLetters.getQueueSize();
            double duplicates = arrivals.counter("crossings", "duplicate");
            assertThat(valid.size() + deadLetters + (long) duplicates).as("valid + dead-lettered + duplicates").isEqualTo(RECORDS);
            assertThat(valid.size()).as("valid").isGreaterThan(RECORDS / 5);
            assertThat(deadLetters).as("dead-lettered").isGreaterThan(RECORDS / 2);
            assertThat(duplicates).as("resends dropped as duplicates").isGreaterThanOrEqualTo(RECORDS / 20);
            assertThat(arrivals.deadLetters.readRecordsToList()).allSatisfy(record ->
                    assertThat(record.headers().lastHeader("flowwatch.reject.reason")).as("reason header").isNotNull());

            // and every valid person is in the operation's daily count or on the late topic, per direction
            Map<Direction, Long> sent = new EnumMap<>(Direction.class);
            HostileRecords.latestRevisions(valid).forEach(crossing -> sent.merge(crossing.getDirection(), (long) crossing.getPeople(), Long::sum));
            Map<String, ArrivalCount> days = new HashMap<>();
            arrivals.daily.readValuesToList().forEach(count -> days.put(ArrivalKeys.of(count), count));
            Map<Direction, Long> counted = new EnumMap<>(Direction.class);
            days.values().stream().filter(count -> count.getScope() == CountScope.ALL)
                    .forEach(count -> counted.merge(count.getDirection(), count.getPeople(), Long::sum));
            arrivals.late.readValuesToList().stream()
                    .filter(late -> late.getScope() == CountScope.ALL && late.getGranularity() == Granularity.DAY)
                    .map(LateCrossing::getCrossing)
                    .forEach(crossing -> counted.merge(crossing.getDirection(), (long) crossing.getPeople(), Long::sum));
            assertThat(counted).isEqualTo(sent);
        }
    }

    private CrossingEvent crossing(int i) {
        return hostile.crossing(POSTS[i % POSTS.length], T0.plusSeconds(i * STEP_SECONDS));
    }
}
