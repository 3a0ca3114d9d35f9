package org.flowwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.flowwatch.schemas.serde.SampleRecords.EVENT_ID;
import static org.flowwatch.schemas.serde.SampleRecords.T0;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.topics.Topics;
import org.junit.jupiter.api.Test;

/** BACKWARD evolution as producers and consumers upgrade at different times: each side must read the other. */
class SchemaEvolutionTest {

    private static final String TOPIC = Topics.CROSSINGS.name();
    private static final String SUBJECT = Topics.CROSSINGS.valueSubject();
    private static final Schema CURRENT = CrossingEvent.getClassSchema();

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    private final AvroDeserializer<CrossingEvent> currentReader = new AvroDeserializer<>(registry, CrossingEvent.class);

    @Test
    void shouldReadKnownFieldsWhenWriterIsNewerWithAddedDefaultedField() {
        // given: a newer producer added transportMode (default "unknown") and registered it after the current schema
        registry.register(SUBJECT, CURRENT);
        Schema newer = withExtraField(CURRENT, new Schema.Field("transportMode",
                Schema.create(Schema.Type.STRING), "How the group travelled.", "unknown"));
        int newerId = registry.register(SUBJECT, newer);
        GenericRecord written = crossingRecord(newer);
        written.put("transportMode", "bus");

        // when
        CrossingEvent read = currentReader.deserialize(TOPIC, wireFormat(newerId, newer, written));

        // then
        assertThat(read.getEventId()).isEqualTo(EVENT_ID);
        assertThat(read.getPostId()).isEqualTo("BP-07");
        assertThat(read.getOccurredAt()).isEqualTo(T0);
        assertThat(read.getRecordedAt()).isEqualTo(T0.plusSeconds(95));
        assertThat(read.getDirection()).isEqualTo(Direction.DEPARTURE);
        assertThat(read.getPeople()).isEqualTo(6);
        assertThat(read.getBreakdown()).isNull();
        assertThat(read.getVehicles()).isEqualTo(1);
        assertThat(read.getVulnerabilities().getUnaccompaniedChildren()).isEqualTo(2);
        assertThat(read.getVulnerabilities().getNeedsMedicalCare()).isEqualTo(1);
        assertThat(read.getDestinationSiteId()).isEqualTo("RC-GORIS");
        assertThat(read.getOrigin()).isEqualTo("Berdzor");
    }

    @Test
    void shouldFillDefaultsWhenWriterIsOlderWithoutOptionalFields() {
        // given: an older producer, registered first, knew neither origin nor destinationSiteId
        Set<String> unknownToWriter = Set.of("origin", "destinationSiteId");

        // when
        CrossingEvent read = readWhenWrittenWithout(unknownToWriter);

        // then
        assertThat(read.getEventId()).isEqualTo(EVENT_ID);
        assertThat(read.getPeople()).isEqualTo(6);
        assertThat(read.getVulnerabilities().getPregnant()).isEqualTo(3);
        assertThat(read.getOrigin()).as("default of a field the writer did not know").isNull();
        assertThat(read.getDestinationSiteId()).as("default of a field the writer did not know").isNull();
    }

    @Test
    void shouldReadAnOriginalRevisionWhenWriterPredatesCorrections() {
        // given: a producer from before corrections knew neither revision nor withdrawn
        Set<String> unknownToWriter = Set.of("revision", "withdrawn");

        // when
        CrossingEvent read = readWhenWrittenWithout(unknownToWriter);

        // then
        assertThat(read.getPeople()).isEqualTo(6);
        assertThat(read.getRevision()).as("an old crossing is the original, revision 0").isZero();
        assertThat(read.getWithdrawn()).as("an old crossing is never a withdrawal").isFalse();
    }

    @Test
    void shouldRefuseVersionWhenItAddsFieldWithoutDefault() {
        // given
        registry.register(SUBJECT, CURRENT);
        Schema breaking = withExtraField(CURRENT, new Schema.Field("transportMode", Schema.create(Schema.Type.STRING)));

        // when
        boolean compatible = registry.isCompatible(SUBJECT, breaking);
        Throwable thrown = catchThrowable(() -> registry.register(SUBJECT, breaking));

        // then
        assertThat(compatible).isFalse();
        assertThat(thrown).isInstanceOf(IncompatibleSchemaException.class).hasMessageContaining(SUBJECT);
    }

    @Test
    void shouldAcceptVersionWhenItAddsFieldWithDefault() {
        // given
        int currentId = registry.register(SUBJECT, CURRENT);
        Schema evolved = withExtraField(CURRENT, new Schema.Field("transportMode",
                Schema.create(Schema.Type.STRING), null, "unknown"));

        // when
        int evolvedId = registry.register(SUBJECT, evolved);

        // then
        assertThat(evolvedId).isNotEqualTo(currentId);
        assertThat(registry.schemaById(evolvedId)).isEqualTo(evolved);
    }

    // An older writer's schema (the current one without some fields) registered first, then the current one.
    private CrossingEvent readWhenWrittenWithout(Set<String> fields) {
        Schema older = withoutFields(CURRENT, fields);
        int olderId = registry.register(SUBJECT, older);
        registry.register(SUBJECT, CURRENT);
        return currentReader.deserialize(TOPIC, wireFormat(olderId, older, crossingRecord(older)));
    }

    private static GenericRecord crossingRecord(Schema schema) {
        GenericRecord vulnerabilities = new GenericData.Record(schema.getField("vulnerabilities").schema().getTypes().get(1));
        vulnerabilities.put("unaccompaniedChildren", 2);
        vulnerabilities.put("disabled", 0);
        vulnerabilities.put("needsMedicalCare", 1);
        vulnerabilities.put("pregnant", 3);
        GenericRecord record = new GenericData.Record(schema);
        record.put("eventId", EVENT_ID.toString());
        record.put("postId", "BP-07");
        record.put("occurredAt", T0.toEpochMilli());
        record.put("recordedAt", T0.plusSeconds(95).toEpochMilli());
        record.put("direction", new GenericData.EnumSymbol(schema.getField("direction").schema(), "DEPARTURE"));
        record.put("people", 6);
        record.put("breakdown", null);
        record.put("vehicles", 1);
        record.put("vulnerabilities", vulnerabilities);
        if (schema.getField("destinationSiteId") != null) {
            record.put("destinationSiteId", "RC-GORIS");
            record.put("origin", "Berdzor");
        }
        if (schema.getField("revision") != null) {
            record.put("revision", 0);
            record.put("withdrawn", false);
        }
        if (schema.getField("destinationUnlisted") != null) {
            record.put("destinationUnlisted", false);
        }
        return record;
    }

    private static byte[] wireFormat(int schemaId, Schema schema, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(ByteBuffer.allocate(4).putInt(schemaId).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Schema withExtraField(Schema base, Schema.Field extra) {
        List<Schema.Field> fields = copyFields(base, Set.of());
        fields.add(extra);
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, fields);
    }

    private static Schema withoutFields(Schema base, Set<String> dropped) {
        return Schema.createRecord(base.getName(), base.getDoc(), base.getNamespace(), false, copyFields(base, dropped));
    }

    private static List<Schema.Field> copyFields(Schema base, Set<String> dropped) {
        List<Schema.Field> fields = new ArrayList<>();
        base.getFields().stream()
                .filter(field -> !dropped.contains(field.name()))
                .forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        return fields;
    }
}
