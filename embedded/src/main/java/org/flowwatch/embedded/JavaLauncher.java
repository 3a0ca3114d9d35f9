package org.flowwatch.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

/** The java executable of the running JVM, so a child JVM uses the same Java version as its parent. */
final class JavaLauncher {

  private JavaLauncher() {}

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
