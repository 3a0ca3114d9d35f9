package org.flowwatch.streams.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one topology: starts it, tells when it is RUNNING (ready) and when it has stopped, and keeps the error that
 * stopped it so the command can exit non-zero. A failing stream thread shuts the client down rather than limp on,
 * unless all it lacked was the schema registry or a broker refused to end its transaction.
 */
public final class StreamsRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** The failures a new stream thread gets over (see {@link #onStreamThreadFailure}), and how the log says each. */
    private static final Map<Class<? extends Throwable>, String> REPLACE_THREAD_ON = Map.of(
            RegistryUnavailableException.class, "the schema registry cannot answer",
            InvalidTxnStateException.class, "the broker refused to end its transaction");

    private final KafkaStreams streams;
    private final CountDownLatch running = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private StreamsRunner(Topology topology, Properties props) {
        this.streams = new KafkaStreams(topology, props);
        streams.setStateListener((now, before) -> onStateChange(now));
        streams.setUncaughtExceptionHandler(this::onStreamThreadFailure);
    }

    /**
     * A copy of an app's properties: the topology builder and Kafka Streams each get their own, so neither sees what
     * the other sets in them.
     */
    public static Properties copyOf(Properties props) {
        Properties copy = new Properties();
        copy.putAll(props);
        return copy;
    }

    public static StreamsRunner start(Topology topology, Properties props) {
        LOG.info("Topology:\n{}", topology.describe());
        StreamsRunner runner = new StreamsRunner(topology, props);
        runner.streams.start();
        return runner;
    }

    /** True once the app is RUNNING (all its tasks assigned and restored); false on timeout or if it stopped. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        running.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    /** Blocks until the app has stopped (closed, or failed). */
    public void awaitStopped() throws InterruptedException {
        stopped.await();
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        // Leave the group: otherwise a restarted instance waits out session.timeout.ms (45 s) for its own old
        // membership before it gets its tasks back (43.9 s of a 43.9 s restart in the benchmark). The cost is one
        // more rebalance when several instances restart in turn; standby replicas take over meanwhile.
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(CLOSE_TIMEOUT));
        stopped.countDown();
    }

    /**
     * A registry that cannot answer (after the client's own retries) is not a reason to stop counting: the thread is
     * replaced, its open transaction aborted, and the new one starts again from the last commit, so nothing is lost
     * or counted twice. The same for a transaction the broker refuses to end (INVALID_TXN_STATE): Kafka 4.4 reports it
     * as fatal, and it came when a broker node was killed and its transactions moved to another coordinator
     * ({@code BrokerFaultIntegrationTest}); the transaction either committed whole or is aborted whole, and a new
     * thread, with a new producer, goes on from whichever commit stands. Anything else stops the app, with the error
     * kept for the exit code.
     */
    private StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onStreamThreadFailure(Throwable error) {
        for (Map.Entry<Class<? extends Throwable>, String> replaceable : REPLACE_THREAD_ON.entrySet()) {
            Throwable cause = ExceptionUtils.throwableOfType(error, replaceable.getKey());
            if (cause != null) {
                LOG.warn("Stream thread stopped because {} ({}); starting it again from the last commit", replaceable.getValue(),
                        cause.getMessage());
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        failure.compareAndSet(null, error);
        LOG.error("Stream thread failed, shutting the app down: {}", error.toString());
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void onStateChange(KafkaStreams.State now) {
        if (now == KafkaStreams.State.RUNNING) {
            running.countDown();
        }
        if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING
                || now == KafkaStreams.State.PENDING_ERROR) {
            running.countDown();
            stopped.countDown();
        }
    }
}
