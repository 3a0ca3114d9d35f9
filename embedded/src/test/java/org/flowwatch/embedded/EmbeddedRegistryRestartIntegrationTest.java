package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A registry stopped and started again on its directory and port is the same registry: same schemas, same ids. */
@Tag("integration")
@Timeout(120)
class EmbeddedRegistryRestartIntegrationTest {

  private static final String SCHEMA =
      "{\"type\":\"record\",\"name\":\"Kept\",\"namespace\":\"it\",\"fields\":[{\"name\":\"post\",\"type\":\"string\"}]}";
  private static final String OTHER =
      "{\"type\":\"record\",\"name\":\"Other\",\"namespace\":\"it\",\"fields\":[{\"name\":\"site\",\"type\":\"string\"}]}";

  @Test
  void shouldKeepSchemasAndIdsWhenRestartedOnSameDir(@TempDir Path dir) throws Exception {
    // given a schema registered before a stop
    long id;
    int port;
    try (EmbeddedRegistry first = EmbeddedRegistry.start(dir, 0)) {
      port = first.port();
      id = RegistryTestClient.idOf(new RegistryTestClient(first.url()).register("kept-value", SCHEMA));
    }

    // when the registry starts again on the same directory and port
    try (EmbeddedRegistry again = EmbeddedRegistry.start(dir, port)) {
      RegistryTestClient client = new RegistryTestClient(again.url());

      // then the schema is there under its id, and a new schema gets a new id
      HttpResponse<String> readBack = client.schemaById(id);
      assertThat(readBack.statusCode()).isEqualTo(200);
      assertThat(readBack.body()).contains("Kept");
      assertThat(RegistryTestClient.idOf(client.register("other-value", OTHER))).isNotEqualTo(id);
    }
  }
}
