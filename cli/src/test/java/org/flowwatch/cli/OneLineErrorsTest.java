package org.flowwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.flowwatch.schemas.serde.WireFormatException;
import org.junit.jupiter.api.Test;

class OneLineErrorsTest {

    private static final TopicPartition HOURLY = new TopicPartition("flowwatch.arrivals.hourly.v1", 1);

    @Test
    void shouldSayTheRegistryCannotAnswerWhenKafkaWrapsItAsARecordToSeekPast() {
        // given what a consumer throws when our deserializer could not reach the registry
        RecordDeserializationException wrapped = new RecordDeserializationException(HOURLY, 0,
                "Error deserializing VALUE for partition flowwatch.arrivals.hourly.v1-1 at offset 0. If needed, please seek past the record",
                new RegistryUnavailableException("schema registry at http://registry:8081 is unreachable (tried for 30 s): "
                        + "java.net.ConnectException", new IOException("refused")));

        // when
        String line = OneLineErrors.oneLine(wrapped);

        // then
        assertThat(line).isEqualTo("schema registry at http://registry:8081 is unreachable (tried for 30 s): java.net.ConnectException;"
                + " check that it runs and registry.url, then try again").doesNotContain("seek past");
    }

    @Test
    void shouldSayWhatIsWrongWithTheRecordWhenItIsNotOurFormat() {
        // given
        RecordDeserializationException wrapped = new RecordDeserializationException(HOURLY, 7, "Error deserializing VALUE ...",
                new WireFormatException("record of 3 bytes is too short for the wire format header"));

        // when / then
        assertThat(OneLineErrors.oneLine(wrapped)).isEqualTo("record of 3 bytes is too short for the wire format header");
    }

    @Test
    void shouldNameTheKafkaSettingAClientRefusesInsteadOfFailedToCreate() {
        // given what a real admin client throws for a bootstrap address that is not one
        Exception refused = org.assertj.core.api.Assertions.catchException(() -> org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", "not a host")).close());

        // when / then
        assertThat(refused).hasMessageStartingWith("Failed to create new KafkaAdminClient");
        assertThat(OneLineErrors.oneLine(refused)).startsWith("a Kafka client setting is wrong: ")
                .contains("bootstrap.servers").endsWith("(settings kafka.*; see them with: flowwatch config)");
    }
}
