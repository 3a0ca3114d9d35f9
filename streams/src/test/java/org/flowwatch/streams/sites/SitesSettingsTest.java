package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class SitesSettingsTest {

    @Test
    void shouldAdvertiseItsOwnQueryPortNotTheArrivalsApps() {
        // given both apps answering queries on their own ports
        SitesSettings sites = SitesSettings.from(SitesSettings.loader().flags(Map.of(
                "query.http.port", "8090", "sites.query.port", "8091", "query.advertised.host", "streams-1")).load());

        // then the sites app tells its peers the port it answers on
        assertThat(sites.kafkaStreams().get(StreamsConfig.APPLICATION_SERVER_CONFIG)).isEqualTo("streams-1:8091");
        assertThat(sites.kafkaStreams().get(StreamsConfig.APPLICATION_ID_CONFIG)).isEqualTo("flowwatch-sites");
    }

    @Test
    void shouldAdvertiseNothingWhenItsQueryPortIsAnyFreePort() {
        SitesSettings sites = SitesSettings.from(SitesSettings.loader().flags(Map.of(
                "query.http.port", "8090", "sites.query.port", "0")).load());

        assertThat(sites.kafkaStreams()).doesNotContainKey(StreamsConfig.APPLICATION_SERVER_CONFIG);
    }
}
