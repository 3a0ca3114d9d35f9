package org.flowwatch.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void shouldGiveEachStreamThreadAStaticMemberNameWhenAnInstanceIdIsSet() {
        // given an instance named as its StatefulSet pod is, with two threads
        StreamsConfig config = new StreamsConfig(StreamsSettings.from(StreamsSettings.loader().flags(Map.of(
                "streams.instance.id", "flowwatch-streams-0", "streams.num.threads", "2")).load()).kafkaStreams());

        // then each thread's consumer is a static member of its own name, kept across restarts; no other consumer is
        assertThat(config.getMainConsumerConfigs("flowwatch-arrivals", "c", 1))
                .containsEntry(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, "flowwatch-streams-0-1");
        assertThat(config.getRestoreConsumerConfigs("c")).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void shouldLeaveStaticMembershipOffByDefault() {
        StreamsConfig config = new StreamsConfig(StreamsSettings.from(StreamsSettings.loader().load()).kafkaStreams());

        assertThat(config.getMainConsumerConfigs("flowwatch-arrivals", "c", 1)).doesNotContainKey(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    }

    @Test
    void shouldNotIdleTheArrivalsTasksButKeepKafkasDefaultForTheSitesApp() {
        // the arrivals tasks read one partition each: nothing to wait for; the sites ledger reads several topics
        assertThat(new StreamsConfig(StreamsSettings.from(StreamsSettings.loader().load()).kafkaStreams())
                .getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        assertThat(new StreamsConfig(SitesSettings.from(SitesSettings.loader().load()).kafkaStreams())
                .getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isZero();
    }

    @Test
    void shouldLetAnOperatorSetTheTaskIdleTimeOfBothApps() {
        var flags = Map.of("kafka.max.task.idle.ms", "250");

        assertThat(new StreamsConfig(StreamsSettings.from(StreamsSettings.loader().flags(flags).load()).kafkaStreams())
                .getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(250L);
        assertThat(new StreamsConfig(SitesSettings.from(SitesSettings.loader().flags(flags).load()).kafkaStreams())
                .getLong(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(250L);
    }
}
