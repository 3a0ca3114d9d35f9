package org.flowwatch.producers.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** One segment file, named after the first sequence it may hold, so names sort in the order entries were written. */
final class SegmentFile {

    static final String SUFFIX = ".log";

    final long baseSequence;
    final Path path;
    long size;
    long lastSequence;
    boolean damaged;

    SegmentFile(long baseSequence, Path path, long size, long lastSequence) {
        this.baseSequence = baseSequence;
        this.path = path;
        this.size = size;
        this.lastSequence = lastSequence;
    }

    static Path pathFor(Path dir, long baseSequence) {
        return dir.resolve(String.format("%020d%s", baseSequence, SUFFIX));
    }

    /** The segment files of {@code dir}, oldest first. */
    static List<Path> listIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(file -> file.getFileName().toString().endsWith(SUFFIX)).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal in " + dir, e);
        }
    }

    static long baseOf(Path file) {
        String name = file.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read journal segment " + file, e);
        }
    }
}
