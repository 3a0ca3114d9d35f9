package org.flowwatch.schemas.topics;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import org.apache.kafka.common.KafkaFuture;

/**
 * Waits for the answer to one step of Kafka's Admin API (a reset, an ACL change), so that whoever runs the steps
 * fails with a message naming the step that did not work, in the exception type of its own domain.
 */
public final class AdminCalls {

    /** How long one step may take before Kafka counts as not answering. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private AdminCalls() {
    }

    /**
     * The answer of {@code future}; if it fails, times out or is interrupted, the exception {@code failure} makes of
     * a message that names {@code what} ("could not &lt;what&gt;: &lt;Kafka's reason&gt;") and the cause.
     */
    public static <T> T await(KafkaFuture<T> future, String what, BiFunction<String, Throwable, ? extends RuntimeException> failure) {
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure.apply("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw failure.apply("could not " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw failure.apply("Kafka did not answer within " + TIMEOUT.toSeconds() + " s to " + what, e);
        }
    }
}
