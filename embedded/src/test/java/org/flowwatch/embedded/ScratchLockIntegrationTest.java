package org.flowwatch.embedded;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(60)
class ScratchLockIntegrationTest {
  @Test
  void scratch(@TempDir Path dir) {
    try (EmbeddedKafka first = EmbeddedKafka.start(dir, 0)) {
      try (EmbeddedKafka second = EmbeddedKafka.start(dir, 0)) {
        System.out.println("SECOND STARTED?!");
      } catch (RuntimeException e) {
        System.out.println("SECOND FAILED: " + e);
      }
      System.out.println("first still ok: " + first.bootstrapServers());
    }
  }
}
