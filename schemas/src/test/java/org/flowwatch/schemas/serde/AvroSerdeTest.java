package org.flowwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.flowwatch.schemas.serde.SampleRecords.fullArrivalCount;
import static org.flowwatch.schemas.serde.SampleRecords.fullCrossing;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    private static final String TOPIC = Topics.CROSSINGS.name();

    private final SubjectRecordingRegistry registry = new SubjectRecordingRegistry(new InMemorySchemaRegistryClient());
    private final Serde<CrossingEvent> crossings = new AvroSerde<>(registry, CrossingEvent.class, false);

    @Test
    void shouldReadBackEveryFieldWhenCrossingEventIsFullyPopulated() {
        // given
        CrossingEvent sent = fullCrossing();

        // when
        byte[] bytes = crossings.serializer().serialize(TOPIC, sent);
        CrossingEvent received = crossings.deserializer().deserialize(TOPIC, bytes);

        // then
        assertThat(received).isEqualTo(sent);
        assertThat(received.getEventId()).isEqualTo(SampleRecords.EVENT_ID);
        assertThat(received.getOccurredAt()).isEqualTo(SampleRecords.T0);
        assertThat(received.getBreakdown().getFemale().getAge12to17()).isEqualTo(3);
        assertThat(received.getVulnerabilities().getPregnant()).isEqualTo(4);
        assertThat(received.getDestinationSiteId()).isEqualTo("RC-GORIS");
    }

    @Test
    void shouldReadBackEveryFieldWhenArrivalCountIsFullyPopulated() {
        // given
        Serde<ArrivalCount> arrivals = new AvroSerde<>(registry, ArrivalCount.class, false);
        ArrivalCount sent = fullArrivalCount();

        // when
        byte[] bytes = arrivals.serializer().serialize(Topics.ARRIVALS_HOURLY.name(), sent);
        ArrivalCount received = arrivals.deserializer().deserialize(Topics.ARRIVALS_HOURLY.name(), bytes);

        // then
        assertThat(received).isEqualTo(sent);
        assertThat(received.getVulnerabilities().getNeedsMedicalCare()).isEqualTo(27L);
        assertThat(received.getWindowEnd()).isEqualTo(SampleRecords.T0.plusSeconds(3600));
    }

    @Test
    void shouldFrameBytesWithMagicByteAndIdOfValueSubjectWhenSerializing() {
        // given: other schemas registered first, so the crossing schema's id is not simply 1
        registry.register("other-value", ArrivalCount.getClassSchema());

        // when
        byte[] bytes = crossings.serializer().serialize(TOPIC, fullCrossing());

        // then
        Integer idOfSubject = registry.idsBySubject().get(TOPIC + "-value");
        assertThat(idOfSubject).as("serializer registers under <topic>-value").isNotNull().isNotEqualTo(1);
        assertThat(bytes[0]).as("magic byte").isZero();
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).as("big-endian schema id").isEqualTo(idOfSubject);
        assertThat(registry.idsBySubject()).doesNotContainKey(TOPIC + "-key");
    }

    @Test
    void shouldRegisterUnderKeySubjectWhenSerdeIsForKeys() {
        // given
        Serde<CrossingEvent> keys = new AvroSerde<>(registry, CrossingEvent.class, true);

        // when
        byte[] bytes = keys.serializer().serialize(TOPIC, fullCrossing());

        // then
        assertThat(registry.idsBySubject()).containsOnlyKeys(TOPIC + "-key");
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(registry.idsBySubject().get(TOPIC + "-key"));
    }

    @Test
    void shouldGiveNullWhenBytesAreNull() {
        // given
        byte[] tombstone = null;

        // when
        CrossingEvent received = crossings.deserializer().deserialize(TOPIC, tombstone);

        // then
        assertThat(received).isNull();
    }

    @Test
    void shouldGiveNullBytesWhenRecordIsNull() {
        // when
        byte[] bytes = crossings.serializer().serialize(TOPIC, null);

        // then
        assertThat(bytes).as("a tombstone stays a tombstone").isNull();
        assertThat(registry.idsBySubject()).isEmpty();
    }

    @Test
    void shouldThrowWireFormatExceptionWhenMagicByteIsNotZero() {
        // given
        byte[] bytes = crossings.serializer().serialize(TOPIC, fullCrossing());
        bytes[0] = 1;

        // when
        Throwable thrown = catchThrowable(() -> crossings.deserializer().deserialize(TOPIC, bytes));

        // then
        assertThat(thrown).isInstanceOf(WireFormatException.class).hasMessageContaining("magic byte 1");
    }

    @Test
    void shouldThrowWireFormatExceptionWhenRecordIsShorterThanHeader() {
        // given
        byte[] bytes = {0, 0, 0, 1};

        // when
        Throwable thrown = catchThrowable(() -> crossings.deserializer().deserialize(TOPIC, bytes));

        // then
        assertThat(thrown).isInstanceOf(WireFormatException.class).hasMessageContaining("4 bytes");
    }

    @Test
    void shouldThrowUnknownSchemaExceptionCarryingIdWhenRegistryDoesNotKnowId() {
        // given: a well-formed record whose id was never registered
        byte[] valid = crossings.serializer().serialize(TOPIC, fullCrossing());
        byte[] bytes = withSchemaId(valid, 4242);

        // when
        Throwable thrown = catchThrowable(() -> crossings.deserializer().deserialize(TOPIC, bytes));

        // then
        assertThat(thrown).isInstanceOf(UnknownSchemaException.class).hasMessageContaining("4242");
        assertThat(((UnknownSchemaException) thrown).schemaId()).isEqualTo(4242);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("undecodableBodies")
    void shouldThrowWireFormatExceptionWhenHeaderIsValidButBodyIsNot(String why, byte[] body) {
        // given
        byte[] valid = crossings.serializer().serialize(TOPIC, fullCrossing());
        byte[] bytes = concat(Arrays.copyOf(valid, 5), body);

        // when
        Throwable thrown = catchThrowable(() -> crossings.deserializer().deserialize(TOPIC, bytes));

        // then
        assertThat(thrown).as(why).isInstanceOf(WireFormatException.class);
        assertThat(thrown.getMessage()).as("never the payload").doesNotContain("BP-07", "Stepanakert");
    }

    static Stream<Arguments> undecodableBodies() {
        byte[] body = bodyOf(fullCrossing());
        return Stream.of(
                Arguments.of("truncated body", Arrays.copyOf(body, body.length / 2)),
                Arguments.of("empty body", new byte[0]),
                Arguments.of("body with trailing bytes", concat(body, new byte[] {2, 4, 6})),
                Arguments.of("negative string length", new byte[] {0x01, 0x41, 0x42}),
                Arguments.of("huge string length", new byte[] {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F}),
                Arguments.of("eventId that is not a UUID", concat(new byte[] {0x06}, "abc".getBytes(), Arrays.copyOfRange(body, 37, body.length))),
                Arguments.of("direction symbol out of range", withDirectionIndex(body, 9)));
    }

    @Test
    void shouldThrowOnlyWireFormatExceptionWhenBodyBytesAreCorrupted() {
        // given: 2,000 single-byte corruptions of a valid body, from a fixed seed so a failure replays
        byte[] valid = crossings.serializer().serialize(TOPIC, fullCrossing());
        Random random = new Random(20230901L);
        List<String> escaped = new ArrayList<>();

        // when
        for (int i = 0; i < 2_000; i++) {
            byte[] corrupted = valid.clone();
            int position = 5 + random.nextInt(valid.length - 5);
            corrupted[position] = (byte) random.nextInt(256);
            try {
                crossings.deserializer().deserialize(TOPIC, corrupted);
            } catch (WireFormatException expected) {
                // the one exception a reader of bad bytes may see
            } catch (RuntimeException e) {
                escaped.add("byte " + position + " = " + corrupted[position] + ": " + e.getClass().getName());
            }
        }

        // then
        assertThat(escaped).as("exceptions other than WireFormatException").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRecords")
    void shouldThrowKafkaSerializationExceptionWhenRecordCannotBeRead(String why, byte[] bytes) {
        // given: Kafka Streams' deserialization.exception.handler only sees SerializationException subtypes

        // when
        Throwable thrown = catchThrowable(() -> crossings.deserializer().deserialize(TOPIC, bytes));

        // then
        assertThat(thrown).as(why).isInstanceOf(SerializationException.class);
    }

    static Stream<Arguments> badRecords() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
        byte[] valid = new AvroSerde<>(registry, CrossingEvent.class, false).serializer().serialize(TOPIC, fullCrossing());
        byte[] badMagic = valid.clone();
        badMagic[0] = 7;
        return Stream.of(
                Arguments.of("bad magic byte", badMagic),
                Arguments.of("shorter than header", new byte[] {0, 0}),
                Arguments.of("unknown schema id", withSchemaId(valid, 99)),
                Arguments.of("truncated body", Arrays.copyOf(valid, valid.length - 3)),
                Arguments.of("garbage body", concat(Arrays.copyOf(valid, 5), new byte[] {(byte) 0xFF, 0x7F, 0x01})));
    }

    @Test
    void shouldThrowIncompatibleSchemaExceptionAsSerializationExceptionWhenRegistryRefusesSchema() {
        // given: the subject already holds a schema the generated class cannot follow
        Schema unrelated = new Schema.Parser().parse(
                "{\"type\":\"record\",\"name\":\"CrossingEvent\",\"namespace\":\"org.flowwatch.schemas.avro\","
                        + "\"fields\":[{\"name\":\"legacy\",\"type\":\"string\"}]}");
        registry.register(TOPIC + "-value", unrelated);

        // when / then
        assertThatThrownBy(() -> crossings.serializer().serialize(TOPIC, fullCrossing()))
                .isInstanceOf(IncompatibleSchemaException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(TOPIC + "-value");
    }

    private static byte[] bodyOf(CrossingEvent event) {
        byte[] framed = new AvroSerde<>(new InMemorySchemaRegistryClient(), CrossingEvent.class, false)
                .serializer().serialize(TOPIC, event);
        return Arrays.copyOfRange(framed, 5, framed.length);
    }

    /** The body starts: eventId (1 length byte + 36 chars), postId "BP-07" (1 + 5), two timestamps, then the direction. */
    private static byte[] withDirectionIndex(byte[] body, int index) {
        byte[] copy = body.clone();
        int offset = 37 + 6;
        offset += varLongLength(copy, offset);
        offset += varLongLength(copy, offset);
        copy[offset] = (byte) (index << 1);
        return copy;
    }

    private static int varLongLength(byte[] bytes, int offset) {
        int length = 1;
        while ((bytes[offset + length - 1] & 0x80) != 0) {
            length++;
        }
        return length;
    }

    private static byte[] withSchemaId(byte[] framed, int id) {
        byte[] copy = framed.clone();
        ByteBuffer.wrap(copy, 1, 4).putInt(id);
        return copy;
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        ByteBuffer buffer = ByteBuffer.allocate(length);
        Arrays.stream(parts).forEach(buffer::put);
        return buffer.array();
    }

    /** Remembers which id each subject got, to check the serializer's subject naming. */
    private static final class SubjectRecordingRegistry implements SchemaRegistryClient {

        private final SchemaRegistryClient delegate;
        private final Map<String, Integer> idsBySubject = new LinkedHashMap<>();

        SubjectRecordingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public synchronized int register(String subject, Schema schema) {
            int id = delegate.register(subject, schema);
            idsBySubject.put(subject, id);
            return id;
        }

        @Override
        public Schema schemaById(int id) {
            return delegate.schemaById(id);
        }

        @Override
        public boolean isCompatible(String subject, Schema schema) {
            return delegate.isCompatible(subject, schema);
        }

        @Override
        public java.util.Optional<Integer> idOf(String subject, Schema schema) {
            return delegate.idOf(subject, schema);
        }

        @Override
        public java.util.Optional<String> compatibility(String subject) {
            return delegate.compatibility(subject);
        }

        @Override
        public void setCompatibility(String subject, String level) {
            delegate.setCompatibility(subject, level);
        }

        synchronized Map<String, Integer> idsBySubject() {
            return Map.copyOf(idsBySubject);
        }
    }
}
