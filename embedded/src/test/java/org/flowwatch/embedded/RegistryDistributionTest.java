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

  @Test
  void shouldTakeItForApicurio3WhenDirHoldsQuarkusFastJar(@TempDir Path home) throws Exception {
    // given
    Path jar = Files.createFile(home.resolve("quarkus-run.jar"));

    // when
    RegistryDistribution distribution = RegistryDistribution.at(home);

    // then
    assertThat(distribution.runnerJar()).isEqualTo(jar);
    assertThat(distribution.kind()).isEqualTo(RegistryKind.APICURIO3);
  }

  @Test
  void shouldFindApicurio3CopyWhenBuildUnpackedIt() {
    RegistryDistribution distribution = RegistryDistribution.fromBuild(RegistryKind.APICURIO3);

    assertThat(distribution.runnerJar()).isRegularFile().hasFileName("quarkus-run.jar");
    assertThat(distribution.kind()).isEqualTo(RegistryKind.APICURIO3);
  }

  @Test
  void shouldReadFeatureReleaseWhenJdkHasReleaseFile(@TempDir Path home) throws Exception {
    Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Eclipse Adoptium\"\nJAVA_VERSION=\"25.0.3\"\n");

    assertThat(JavaLauncher.featureOf(home)).contains(25);
  }

  @Test
  void shouldRefuseNamingBothWhenRegistryKindIsUnknown() {
    assertThat(RegistryKind.of(" Apicurio3 ")).isEqualTo(RegistryKind.APICURIO3);
    assertThatThrownBy(() -> RegistryKind.of("confluent"))
        .hasMessage("unknown registry 'confluent': use apicurio2 or apicurio3");
  }
}
