package org.flowwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * One Kafka node in a child JVM, run by Kafka's own entry point ({@code kafka.Kafka server.properties}) as a
 * deployment runs it. A child process and not a server object in this JVM, because only a process can die the way a
 * crashed server does: {@link #kill()} is SIGKILL, with no controlled shutdown, no flush and no goodbye to the quorum.
 *
 * <p>The node's storage must be formatted before {@link #spawn}. Its output goes to a log file in the node's
 * directory, appended across restarts, so a failed run can be read afterwards.
 */
record KafkaNodeProcess(int nodeId, Process process, Path log) {

  private static final String KAFKA_MAIN = "kafka.Kafka";
  private static final long KILL_WAIT_SECONDS = 30;

  /** Writes {@code props} to {@code nodeDir/server.properties} and starts a JVM serving them. */
  static KafkaNodeProcess spawn(int nodeId, Properties props, Path nodeDir) {
    Path propsFile = nodeDir.resolve("server.properties");
    Path log = nodeDir.resolve("node.log");
    writeProps(props, propsFile);
    ProcessBuilder builder = new ProcessBuilder(command(propsFile))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    try {
      return new KafkaNodeProcess(nodeId, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("could not start kafka node " + nodeId, e);
    }
  }

  private static List<String> command(Path propsFile) {
    return List.of(
        JavaLauncher.currentJava(),
        // Three nodes and the apps under test share two cores: a small heap, and C1 only (C2 would spend
        // seconds of CPU compiling in each node for a run of a minute or two).
        "-Xms64m", "-Xmx384m", "-XX:TieredStopAtLevel=1",
        "-Djava.awt.headless=true",
        // This JVM's class path holds the Kafka server (a dependency of this module) and whatever logging binding
        // and configuration the host uses; the node logs through the same one, into its log file.
        "-cp", System.getProperty("java.class.path"),
        KAFKA_MAIN, propsFile.toString());
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGKILL, then waits until the process is gone (its ports and its data directory's lock are free again). */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(KILL_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("kafka node " + nodeId + " (pid " + process.pid() + ") outlived SIGKILL for "
            + KILL_WAIT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for kafka node " + nodeId + " to die", e);
    }
  }

  /** For a JVM shutdown hook: no waiting, the JVM is going. */
  void killNow() {
    process.destroyForcibly();
  }

  private static void writeProps(Properties props, Path file) {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      props.store(writer, "flowwatch kafka node, written by KafkaNodeProcess");
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
