package org.flowwatch.bench.flink;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code flowwatch bench} tells the peer job: the broker, the topics (from the bench's catalogue, which this
 * module cannot see), the window and its out-of-orderness, the checkpoint cadence and a run id for the group and the
 * transactional ids. All required: the bench owns the settings, so the job has no defaults to drift from them.
 */
record PeerArgs(String bootstrapServers, String inputTopic, String outputTopic, int parallelism, Duration window,
                Duration outOfOrderness, Duration checkpointInterval, Path checkpointDir, String runId) {

    static final List<String> NAMES = List.of("--bootstrap-servers", "--input-topic", "--output-topic", "--parallelism",
            "--window-ms", "--out-of-orderness-ms", "--checkpoint-interval-ms", "--checkpoint-dir", "--run-id");

    /** @throws IllegalArgumentException naming the first unknown, missing or malformed option, in one line */
    static PeerArgs parse(String... args) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!NAMES.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected pairs of " + String.join(" ", NAMES) + " and a value, got '" + args[i] + "'");
            }
            given.put(args[i], args[i + 1]);
        }
        NAMES.stream().filter(name -> !given.containsKey(name)).findFirst().ifPresent(missing -> {
            throw new IllegalArgumentException("missing " + missing);
        });
        return new PeerArgs(given.get("--bootstrap-servers"), given.get("--input-topic"), given.get("--output-topic"),
                (int) positive(given, "--parallelism"), millis(given, "--window-ms"), millis(given, "--out-of-orderness-ms"),
                millis(given, "--checkpoint-interval-ms"), Path.of(given.get("--checkpoint-dir")), given.get("--run-id"));
    }

    private static Duration millis(Map<String, String> given, String name) {
        return Duration.ofMillis(positive(given, name));
    }

    private static long positive(Map<String, String> given, String name) {
        try {
            long value = Long.parseLong(given.get(name));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the option's name
        }
        throw new IllegalArgumentException(name + " must be a whole number above 0, got '" + given.get(name) + "'");
    }
}
