package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegistryTest {

  @Test
  void shouldThrowPortInUseBeforeSpawningWhenRegistryPortIsBound(@TempDir Path home, @TempDir Path workDir)
      throws Exception {
    // given: a fake distribution, which would fail loudly if it were ever run
    Files.createFile(home.resolve("apicurio-registry-app-0.0.0-runner.jar"));
    RegistryDistribution distribution = RegistryDistribution.at(home);
    try (ServerSocket occupant = new ServerSocket(0, 1, InetAddress.getByName(LocalPorts.LOOPBACK))) {
      int taken = occupant.getLocalPort();

      // when / then
      assertThatThrownBy(() -> EmbeddedRegistry.start(workDir, taken, distribution))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + taken + " for registry is already in use");
      assertThat(workDir.resolve("registry.log")).as("nothing spawned").doesNotExist();
    }
  }
}
