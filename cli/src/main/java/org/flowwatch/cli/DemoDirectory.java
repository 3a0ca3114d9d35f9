package org.flowwatch.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/** Where the demo keeps its data: the directory the user chose (kept), or a temporary one (removed on close). */
record DemoDirectory(Path path, boolean temporary) implements AutoCloseable {

    static DemoDirectory of(Optional<String> chosen) {
        try {
            if (chosen.isPresent()) {
                return new DemoDirectory(Files.createDirectories(Path.of(chosen.get())), false);
            }
            return new DemoDirectory(Files.createTempDirectory("flowwatch-demo-"), true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the demo's data directory: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // leaving a temporary directory behind is harmless; the OS cleans it
        }
    }
}
