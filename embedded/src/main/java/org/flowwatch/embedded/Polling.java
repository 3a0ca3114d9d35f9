package org.flowwatch.embedded;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;

/**
 * Waits for a state the broker or the registry reaches on its own (ready, all brokers registered, a user learnt),
 * asking again every {@code every} until {@code timeout}; Failsafe does the waiting.
 */
final class Polling {

  private Polling() {}

  /** A question that may fail with {@code E}; an exception ends the wait. */
  @FunctionalInterface
  interface Check<E extends Exception> {
    boolean holds() throws E, InterruptedException;
  }

  /** True once {@code check} holds; false if it still does not after {@code timeout}. */
  static <E extends Exception> boolean until(Duration timeout, Duration every, Check<E> check)
      throws E, InterruptedException {
    RetryPolicy<Boolean> again = RetryPolicy.<Boolean>builder()
        // Only "not yet" is asked again: an exception ends the wait (by default Failsafe retries on any exception).
        .handleIf((held, failure) -> failure == null && !held)
        .withDelay(every)
        .withMaxRetries(-1)
        .withMaxDuration(timeout)
        .build();
    try {
      return Failsafe.with(again).get(check::holds);
    } catch (FailsafeException e) {
      throw Polling.<E>checked(e.getCause());
    }
  }

  // Failsafe wraps a checked exception of the check (or an interrupt while it waits): give the caller it back.
  @SuppressWarnings("unchecked")
  private static <E extends Exception> E checked(Throwable cause) throws InterruptedException {
    if (cause instanceof InterruptedException interrupted) {
      throw interrupted;
    }
    return (E) cause;
  }
}
