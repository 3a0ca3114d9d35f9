package org.flowwatch.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The instances of one arrivals app (one application id) that a test runs, started and stopped as it goes. */
final class ArrivalsInstances implements AutoCloseable {

    private final ReplicatedStack<?> stack;
    private final String applicationId;
    private final Path dir;
    private final List<ArrivalsInstance> running = new ArrayList<>();
    private int started;

    ArrivalsInstances(ReplicatedStack<?> stack, String applicationId, Path dir) {
        this.stack = stack;
        this.applicationId = applicationId;
        this.dir = dir;
    }

    /** Starts one more instance with a state directory of its own, never used before. */
    ArrivalsInstance add() throws IOException {
        ArrivalsInstance instance = ArrivalsInstance.start(stack, applicationId, dir.resolve("state-" + started++), Map.of());
        running.add(instance);
        return instance;
    }

    /** Stops the {@code index}th running instance cleanly. */
    void stop(int index) {
        running.remove(index).close();
    }

    ArrivalsInstance get(int index) {
        return running.get(index);
    }

    ArrivalsInstance newest() {
        return running.get(running.size() - 1);
    }

    boolean allRunning() {
        return running.stream().allMatch(ArrivalsInstance::isRunning);
    }

    int size() {
        return running.size();
    }

    @Override
    public void close() {
        running.forEach(ArrivalsInstance::close);
        running.clear();
    }
}
