package org.flowwatch.bench;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.flowwatch.schemas.config.Settings;

/**
 * What each section that starts brokers of its own is given: a scratch directory of its own, the caller's settings
 * (with overrides on top; each {@link BenchStack} points them at itself) and where its progress lines go.
 */
record Section(Path dir, Function<Map<String, String>, Settings> settingsFor, Consumer<String> progress) {

    /** The same caller, working in {@code name} under this directory. */
    Section in(String name) {
        return new Section(dir.resolve(name), settingsFor, progress);
    }

    /** A private, empty stack with its data in {@code name} under this directory. */
    BenchStack startStack(String name) {
        return BenchStack.start(dir.resolve(name), settingsFor);
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    void report(String line) {
        progress.accept(line);
    }
}
