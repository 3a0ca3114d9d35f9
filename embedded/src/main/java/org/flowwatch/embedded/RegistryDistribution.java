package org.flowwatch.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An unpacked Apicurio Registry: the directory holding {@code apicurio-registry-app-*-runner.jar} and its
 * {@code lib/} (2.x), or Quarkus' fast-jar layout with {@code quarkus-run.jar} (3.x).
 *
 * <p>The build of this module unpacks it from Maven Central and writes its location into
 * {@code embedded.properties}, so callers normally use {@link #fromBuild()}; {@link #at(Path)} is for a copy
 * elsewhere (e.g. inside a packaged demo).
 */
public record RegistryDistribution(Path home, Path runnerJar, RegistryKind kind) {

  private static final String BUILD_PROPERTIES = "embedded.properties";
  private static final String RUNNER_JAR_GLOB = "{apicurio-registry-app-*-runner.jar,quarkus-run.jar}";
  private static final String HOW_TO_FIX =
      "run `./mvnw -pl embedded -am install` to unpack it, or pass the directory holding " + RUNNER_JAR_GLOB;

  /** The 2.6 copy the build unpacked into {@code embedded/target/apicurio-registry}. */
  public static RegistryDistribution fromBuild() {
    return fromBuild(RegistryKind.APICURIO2);
  }

  /** The copy of {@code kind} the build unpacked ({@code embedded/target/apicurio-registry[-3]}). */
  public static RegistryDistribution fromBuild(RegistryKind kind) {
    String home = buildProperties().getProperty(kind.homeProperty());
    if (home == null) {
      throw new IllegalStateException(BUILD_PROPERTIES + " has no " + kind.homeProperty() + ": " + HOW_TO_FIX);
    }
    return at(Path.of(home));
  }

  /** The copy in {@code home}, which must hold the runner jar; 3.x when it has Quarkus' {@code quarkus-run.jar}. */
  public static RegistryDistribution at(Path home) {
    Path absoluteHome = home.toAbsolutePath();
    Path jar = findRunnerJar(absoluteHome);
    RegistryKind kind = jar.getFileName().toString().equals("quarkus-run.jar") ? RegistryKind.APICURIO3 : RegistryKind.APICURIO2;
    return new RegistryDistribution(absoluteHome, jar, kind);
  }

  private static Path findRunnerJar(Path home) {
    if (!Files.isDirectory(home)) {
      throw new IllegalStateException("no Apicurio Registry at " + home + ": " + HOW_TO_FIX);
    }
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(home, RUNNER_JAR_GLOB)) {
      for (Path jar : jars) {
        return jar;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + home, e);
    }
    throw new IllegalStateException("no " + RUNNER_JAR_GLOB + " in " + home + ": " + HOW_TO_FIX);
  }

  private static Properties buildProperties() {
    Properties props = new Properties();
    try (InputStream in = RegistryDistribution.class.getResourceAsStream(BUILD_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(BUILD_PROPERTIES + " is missing from the classpath: " + HOW_TO_FIX);
      }
      props.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + BUILD_PROPERTIES, e);
    }
    if (props.getProperty("apicurio.home") == null) {
      throw new IllegalStateException(BUILD_PROPERTIES + " has no apicurio.home: " + HOW_TO_FIX);
    }
    return props;
  }
}
