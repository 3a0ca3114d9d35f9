package org.flowwatch.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class OpsEndpointTest {

    private static final String TOKEN = "ops-endpoint-token-0123";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeEverythingWithoutATokenWhenNoneIsConfigured() throws Exception {
        try (OpsEndpoint ops = OpsEndpoint.start(settings(Map.of()), "test")) {
            assertThat(get(ops, "/metrics", null).statusCode()).isEqualTo(200);
            assertThat(get(ops, "/health", null).statusCode()).isEqualTo(200);
            assertThat(get(ops, "/ready", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldAskForTheTokenEverywhereWhenConfiguredAndHealthIsNotPublic() throws Exception {
        try (OpsEndpoint ops = OpsEndpoint.start(settings(Map.of("http.api.token", TOKEN)), "test")) {
            for (String path : new String[] {"/metrics", "/health", "/ready"}) {
                HttpResponse<String> refused = get(ops, path, null);
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.body()).as(path).contains("\"error\"").contains("needs a token");
                assertThat(get(ops, path, "Bearer " + TOKEN).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(get(ops, "/metrics", "Bearer " + TOKEN).body()).contains("jvm_memory_used_bytes");
        }
    }

    @Test
    void shouldLeaveProbesOpenButNotMetricsWhenHealthIsPublic() throws Exception {
        try (OpsEndpoint ops = OpsEndpoint.start(settings(Map.of("http.api.token", TOKEN, "ops.health.public", "true")), "test")) {
            assertThat(get(ops, "/health", null).statusCode()).isEqualTo(200);
            assertThat(get(ops, "/ready", null).statusCode()).isEqualTo(200);
            assertThat(get(ops, "/metrics", null).statusCode()).isEqualTo(401);
            assertThat(get(ops, "/metrics", "Bearer wrong-token-wrong-token").statusCode()).isEqualTo(401);
        }
    }

    private static Settings settings(Map<String, String> flags) {
        Map<String, String> all = new java.util.HashMap<>(flags);
        all.put("ops.port", "0");
        return CommonSettings.loader().defaults("flowwatch/defaults/cli.properties").flags(all).load();
    }

    @Test
    void shouldServeTheMetricsOfKeyValueAndWindowStoresSideBySide() throws Exception {
        // given Kafka Streams' RocksDB metrics as it names them: one metric name, a store-id tag key per store kind
        try (OpsEndpoint ops = OpsEndpoint.start(settings(Map.of()), "test")) {
            ops.registry().gauge("kafka.stream.state.num.entries.imm.mem.tables", Tags.of("rocksdb.state.id", "sites-store"), 1.0);
            ops.registry().gauge("kafka.stream.state.num.entries.imm.mem.tables", Tags.of("rocksdb.window.state.id", "crossing-ids-store"), 2.0);

            // when Prometheus scrapes
            String metrics = get(ops, "/metrics", null).body();

            // then both stores are there, each kind under its own name
            assertThat(metrics).contains("kafka_stream_state_num_entries_imm_mem_tables{")
                    .contains("rocksdb_state_id=\"sites-store\"")
                    .contains("kafka_stream_window_state_num_entries_imm_mem_tables{")
                    .contains("rocksdb_window_state_id=\"crossing-ids-store\"");
        }
    }

    private HttpResponse<String> get(OpsEndpoint ops, String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
