package org.flowwatch.streams.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.common.serialization.Serializer;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.topics.ArrivalKeys;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

/**
 * 100,000 hostile records into the crossings topic: random bytes, truncated and bit-flipped Avro, unknown schema ids,
 * valid Avro with absurd values and huge strings, between valid crossings and resends. The topology must never stop;
 * every record must end either valid (on the valid-crossings topic), dead-lettered with a reason, or dropped as a
 * counted duplicate; and every person of every valid record must be in the operation's daily counts (or, if it came
 * after the day's grace, on the late topic): exact, whatever the valid ones turned out to be.
 */
class HostileInputTest {

    private static final int RECORDS = 100_000;
    private static final Instant T0 = Instant.parse("2023-09-25T04:00:00Z");
    private static final String[] POSTS = {"BP-07", "BP-09", "BP-20"};

    private final Random random = new Random(20230925);

    @Test
    void shouldDeadLetterOrCountEveryRecordExactlyWhenFuzzed() {
        try (ArrivalsDriver arrivals = new ArrivalsDriver(ArrivalsSettings.defaults())) {
            Serializer<CrossingEvent> serializer = arrivals.serdes.value(Topics.CROSSINGS).serializer();
            byte[] lastValid = serializer.serialize(Topics.CROSSINGS.name(), crossing(0));

            // when
            for (int i = 0; i < RECORDS; i++) {
                Instant now = T0.plusSeconds(i); // 100,000 s: a bit more than a day of stream time
                byte[] value = switch (i % 10) {
                    case 0, 1 -> lastValid = serializer.serialize(Topics.CROSSINGS.name(), crossing(i));
                    case 2 -> randomBytes();
                    case 3 -> Arrays.copyOf(lastValid, random.nextInt(lastValid.length));
                    case 4 -> bitFlipped(lastValid);
                    case 5 -> unknownSchemaId(lastValid);
                    case 6 -> serializer.serialize(Topics.CROSSINGS.name(), absurd(i));
                    case 7 -> lastValid; // a resend
                    default -> i % 1000 == 8 ? serializer.serialize(Topics.CROSSINGS.name(), huge(i)) : randomBytes();
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
            valid.forEach(crossing -> sent.merge(crossing.getDirection(), (long) crossing.getPeople(), Long::sum));
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
        Instant at = T0.plusSeconds(i).minusSeconds(random.nextInt(60));
        return CrossingEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(POSTS[i % POSTS.length]).setOccurredAt(at).setRecordedAt(at)
                .setDirection(random.nextInt(10) == 0 ? Direction.DEPARTURE : Direction.ARRIVAL)
                .setPeople(1 + random.nextInt(8)).setVehicles(random.nextInt(2))
                .build();
    }

    private CrossingEvent absurd(int i) {
        CrossingEvent.Builder crossing = CrossingEvent.newBuilder(crossing(i));
        return switch (random.nextInt(5)) {
            case 0 -> crossing.setPeople(-random.nextInt(1000)).build();
            case 1 -> crossing.setPeople(1_000_000 + random.nextInt(1000)).build();
            case 2 -> crossing.setOccurredAt(Instant.parse("9999-01-01T00:00:00Z")).build();
            case 3 -> crossing.setOccurredAt(Instant.parse("1970-01-02T00:00:00Z")).build();
            default -> crossing.setPostId("nowhere-" + random.nextInt()).build();
        };
    }

    private CrossingEvent huge(int i) {
        char[] text = new char[1 << 20];
        Arrays.fill(text, 'x');
        return CrossingEvent.newBuilder(crossing(i)).setPostId(new String(text)).setOrigin(new String(text)).build();
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    private byte[] bitFlipped(byte[] valid) {
        byte[] flipped = valid.clone();
        int at = 5 + random.nextInt(flipped.length - 5); // the body, past the wire-format header
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        return flipped;
    }

    private byte[] unknownSchemaId(byte[] valid) {
        byte[] renamed = valid.clone();
        ByteBuffer.wrap(renamed).put(0, (byte) 0).putInt(1, 10_000 + random.nextInt(1000));
        return renamed;
    }

}
