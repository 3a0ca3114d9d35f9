package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryDistributionTest {

  @Test
  void shouldFindRunnerJarWhenDirHoldsOne(@TempDir Path home) throws Exception {
    // given
    Path jar = Files.createFile(home.resolve("apicurio-registry-app-9.9.9.Final-runner.jar"));

    // when
    RegistryDistribution distribution = RegistryDistribution.at(home);

    // then
    assertThat(distribution.runnerJar()).isEqualTo(jar);
    assertThat(distribution.home()).isEqualTo(home);
  }

  @Test
  void shouldTellHowToUnpackWhenDirHasNoRunnerJar(@TempDir Path home) {
    assertThatThrownBy(() -> RegistryDistribution.at(home))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(home.toString())
        .hasMessageContaining("./mvnw -pl embedded -am install");
  }

  @Test
  void shouldTellHowToUnpackWhenDirIsMissing(@TempDir Path parent) {
    assertThatThrownBy(() -> RegistryDistribution.at(parent.resolve("absent")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("./mvnw -pl embedded -am install");
  }

  @Test
  void shouldFindBuildCopyWhenBuildUnpackedIt() {
    // when
    RegistryDistribution distribution = RegistryDistribution.fromBuild();

    // then: the maven-dependency-plugin unpacks it during generate-resources
    assertThat(distribution.runnerJar()).isRegularFile();
  }
}
