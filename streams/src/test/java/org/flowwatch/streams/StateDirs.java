package org.flowwatch.streams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Private state directories for test drivers (a closed driver empties its own). */
public final class StateDirs {

    private StateDirs() {
    }

    public static Path forThisJvm(String name) {
        try {
            Path dir = Files.createTempDirectory("flowwatch-" + name + "-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
