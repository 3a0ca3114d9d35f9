package org.flowwatch.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.serde.InMemorySchemaRegistryClient;
import org.junit.jupiter.api.Test;

class SchemaIdsTest {

    private static final String SUBJECT = "flowwatch.crossings.v1-value";
    private static final Schema CROSSING = CrossingEvent.getClassSchema();

    @Test
    void shouldGiveTheTargetRegistrysIdAndKeepTheBodyWhenTheRegistriesNumberedDifferently() {
        // given a hub registry that numbered an unrelated schema first
        InMemorySchemaRegistryClient hub = new InMemorySchemaRegistryClient();
        InMemorySchemaRegistryClient centre = new InMemorySchemaRegistryClient();
        hub.register("unrelated-value", SchemaBuilder.record("Unrelated").fields().requiredLong("n").endRecord());
        int hubId = hub.register(SUBJECT, CROSSING);
        byte[] record = wire(hubId, new byte[] {7, 8, 9});

        // when the record is relabelled for the centre
        byte[] relabelled = new SchemaIds(hub, centre).relabel(SUBJECT, record);

        // then it carries the centre's id of the same schema, and the same body
        int centreId = centre.idOf(SUBJECT, CROSSING).orElseThrow();
        assertThat(centreId).as("ids differ between the registries").isNotEqualTo(hubId);
        assertThat(SchemaIds.idOf(relabelled)).isEqualTo(centreId);
        assertThat(relabelled).endsWith(7, 8, 9).hasSize(record.length);
        assertThat(SchemaIds.idOf(record)).as("the source record is not changed").isEqualTo(hubId);
    }

    @Test
    void shouldReturnTheSameRecordWhenTheIdsAgree() {
        // given two registries that numbered the crossing schema alike
        InMemorySchemaRegistryClient hub = new InMemorySchemaRegistryClient();
        InMemorySchemaRegistryClient centre = new InMemorySchemaRegistryClient();
        byte[] record = wire(hub.register(SUBJECT, CROSSING), new byte[] {1});
        centre.register(SUBJECT, CROSSING);

        // when / then
        assertThat(new SchemaIds(hub, centre).relabel(SUBJECT, record)).isSameAs(record);
    }

    @Test
    void shouldTellWireFormatFromOtherBytes() {
        assertThat(SchemaIds.isWireFormat(wire(3, new byte[0]))).isTrue();
        assertThat(SchemaIds.isWireFormat(new byte[] {1, 0, 0, 0, 3})).as("other magic byte").isFalse();
        assertThat(SchemaIds.isWireFormat(new byte[] {0, 0})).as("too short").isFalse();
        assertThat(SchemaIds.isWireFormat(null)).as("tombstone").isFalse();
    }

    private static byte[] wire(int id, byte[] body) {
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();
    }
}
