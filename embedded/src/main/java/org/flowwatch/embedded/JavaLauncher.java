package org.flowwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The java executable of the running JVM, so a child JVM uses the same Java version as its parent; or, for a child
 * that needs a newer Java (Apicurio Registry 3: 21+), the newest JDK installed beside it.
 */
final class JavaLauncher {

  /** Where Debian and the Temurin packages install JDKs; the running JVM's siblings are searched too. */
  static final Path JVM_DIR = Path.of("/usr/lib/jvm");
  private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"(?:1\\.)?(\\d+)");

  private JavaLauncher() {}

  /** A java executable of at least {@code feature} (e.g. 21): this JVM's if it is new enough, else the newest found. */
  static String atLeast(int feature) {
    if (Runtime.version().feature() >= feature) {
      return currentJava();
    }
    Path currentHome = Path.of(System.getProperty("java.home"));
    return Stream.of(JVM_DIR, currentHome.getParent())
        .filter(dir -> dir != null && Files.isDirectory(dir))
        .distinct()
        .flatMap(JavaLauncher::homesIn)
        .filter(home -> featureOf(home).orElse(0) >= feature)
        .max(Comparator.comparingInt(home -> featureOf(home).orElse(0)))
        .map(home -> home.resolve("bin").resolve("java").toString())
        .orElseThrow(() -> new IllegalStateException("Apicurio Registry 3 needs Java " + feature + " or newer; this JVM is "
            + Runtime.version().feature() + " and " + JVM_DIR + " holds none: install a JDK " + feature + "+ there, or use"
            + " embedded.registry=apicurio2"));
  }

  private static Stream<Path> homesIn(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(home -> Files.isExecutable(home.resolve("bin").resolve("java"))).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException("could not list " + dir, e);
    }
  }

  /** The feature release a JDK's {@code release} file names ({@code JAVA_VERSION="25.0.1"} is 25). */
  static Optional<Integer> featureOf(Path home) {
    try {
      Matcher version = JAVA_VERSION.matcher(Files.readString(home.resolve("release")));
      return version.find() ? Optional.of(Integer.parseInt(version.group(1))) : Optional.empty();
    } catch (IOException noReleaseFile) {
      return Optional.empty();
    }
  }

  // java.home first: under a jpackage launcher the process command is the app binary, not java.
  static String currentJava() {
    Path fromJavaHome = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
    if (Files.isExecutable(fromJavaHome)) {
      return fromJavaHome.toString();
    }
    return ProcessHandle.current().info().command()
        .orElseThrow(() -> new IllegalStateException("cannot find the java executable of this JVM"));
  }

  private static boolean isWindows() {
    return System.getProperty("os.name", "").startsWith("Windows");
  }
}
