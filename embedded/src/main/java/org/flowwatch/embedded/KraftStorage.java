package org.flowwatch.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;

/**
 * Formats a KRaft data directory once, the way {@code kafka-storage.sh format --standalone} does.
 *
 * <p>Formatting writes {@code meta.properties} with a fresh cluster id. It must happen only on an empty directory:
 * a broker stopped and started again on the same directory keeps its cluster id and its data.
 */
final class KraftStorage {

  private static final String META_PROPERTIES = "meta.properties";
  // The file Kafka's LogManager locks for as long as a broker uses the directory.
  private static final String KAFKA_LOCK_FILE = ".lock";

  private KraftStorage() {}

  static boolean isFormatted(Path dataDir) {
    return Files.exists(dataDir.resolve(META_PROPERTIES));
  }

  /** The cluster id a formatted directory belongs to. */
  static String clusterId(Path dataDir) {
    Properties meta = new Properties();
    try (var reader = Files.newBufferedReader(dataDir.resolve(META_PROPERTIES), StandardCharsets.UTF_8)) {
      meta.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + dataDir.resolve(META_PROPERTIES), e);
    }
    return meta.getProperty("cluster.id");
  }

  /**
   * Fails if a broker (in this JVM or another process) holds the directory's lock.
   *
   * <p>Kafka itself notices only when the broker half starts, after the controller half has already opened the
   * metadata log: a second broker on a live directory would corrupt the first one's metadata.
   */
  static void requireNotInUse(Path dataDir) {
    Path lockFile = dataDir.resolve(KAFKA_LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw inUse(dataDir);
      }
    } catch (OverlappingFileLockException lockedInThisJvm) {
      throw inUse(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not check whether " + dataDir + " is in use", e);
    }
  }

  private static IllegalStateException inUse(Path dataDir) {
    return new IllegalStateException("the Kafka data directory " + dataDir + " is in use by another running broker");
  }

  /** Formats {@code dataDir} unless it already holds {@code meta.properties}; returns whether it formatted. */
  static boolean formatIfNeeded(Path dataDir, Properties brokerProps) {
    return formatIfNeeded(dataDir, brokerProps, Uuid.randomUuid().toString(), true);
  }

  /**
   * As {@link #formatIfNeeded(Path, Properties)} for one node of a cluster: every node is formatted with the same
   * {@code clusterId}; only the first controller of a dynamic quorum is {@code standalone}.
   */
  static boolean formatIfNeeded(Path dataDir, Properties nodeProps, String clusterId, boolean standalone) {
    if (isFormatted(dataDir)) {
      return false;
    }
    createDirectories(dataDir);
    Path propsFile = writeTemporaryPropsFile(nodeProps);
    try {
      format(dataDir, propsFile, clusterId, standalone);
      return true;
    } finally {
      deleteQuietly(propsFile);
    }
  }

  private static void format(Path dataDir, Path propsFile, String clusterId, boolean standalone) {
    String[] args = standalone
        ? new String[] {"format", "-t", clusterId, "-c", propsFile.toString(), "--standalone"}
        : new String[] {"format", "-t", clusterId, "-c", propsFile.toString()};
    // The tool prints progress and, on bad arguments, a stack trace: keep it for the error message only.
    ByteArrayOutputStream toolOutput = new ByteArrayOutputStream();
    int exitCode;
    try (PrintStream out = new PrintStream(toolOutput, true, StandardCharsets.UTF_8)) {
      exitCode = StorageTool.execute(args, out);
    } catch (RuntimeException formatFailed) {
      throw new IllegalStateException(
          "could not format Kafka storage in " + dataDir + ": " + formatFailed.getMessage(), formatFailed);
    }
    if (exitCode != 0) {
      throw new IllegalStateException("could not format Kafka storage in " + dataDir + " (exit code " + exitCode
          + "): " + toolOutput.toString(StandardCharsets.UTF_8).strip());
    }
  }

  // StorageTool only reads a file, and the data directory is no place for it: keep it outside and short-lived.
  private static Path writeTemporaryPropsFile(Properties brokerProps) {
    try {
      Path file = Files.createTempFile("flowwatch-kraft-", ".properties");
      try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        brokerProps.store(writer, "flowwatch embedded broker, used only to format storage");
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the broker properties for the storage format step", e);
    }
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create the Kafka data directory " + dir, e);
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A leftover temp file of a few hundred bytes is not worth failing a broker start for.
    }
  }
}
