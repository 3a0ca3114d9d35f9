package org.flowwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One broker and registry for a whole test JVM, injected as {@link EmbeddedStack} into constructors,
 * {@code @BeforeAll}, {@code @BeforeEach} and test methods.
 *
 * <pre>{@code
 * @ExtendWith(EmbeddedStackExtension.class)
 * class ArrivalsIntegrationTest {
 *   @Test void shouldCountWhenHourCloses(EmbeddedStack stack) { ... stack.bootstrapServers() ... }
 * }
 * }</pre>
 *
 * <p>Starting the stack costs seconds, so it is shared by every test class that uses the extension and stopped when
 * JUnit closes the root store at the end of the run. Tests share the broker: each creates its own uniquely named
 * topics, consumer groups and subjects.
 */
public final class EmbeddedStackExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EmbeddedStackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    stack(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedStack.class;
  }

  @Override
  public EmbeddedStack resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return stack(context);
  }

  // The root store is shared by all classes of the run; JUnit closes its AutoCloseable values when the run ends.
  private static EmbeddedStack stack(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(StackInTempDir.class, type -> StackInTempDir.start(), StackInTempDir.class)
        .stack();
  }

  /** The stack plus the temporary directory holding its data, deleted once the stack has stopped. */
  private record StackInTempDir(EmbeddedStack stack, Path dir) implements AutoCloseable {

    // On a failed start the directory stays: the exception names the registry.log inside it.
    static StackInTempDir start() {
      Path dir = createTempDir();
      return new StackInTempDir(EmbeddedStack.start(dir, 0, 0), dir);
    }

    @Override
    public void close() {
      try {
        stack.close();
      } finally {
        deleteRecursively(dir);
      }
    }

    private static Path createTempDir() {
      try {
        return Files.createTempDirectory("flowwatch-embedded-");
      } catch (IOException e) {
        throw new UncheckedIOException("could not create a directory for the embedded stack", e);
      }
    }

    private static void deleteRecursively(Path dir) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("could not delete " + dir, e);
      }
    }
  }
}
