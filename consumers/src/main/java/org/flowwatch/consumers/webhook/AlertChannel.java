package org.flowwatch.consumers.webhook;

import java.util.List;
import org.flowwatch.schemas.avro.Alert;

/**
 * One entry of the endpoints file as the dispatcher sees it: a webhook, or an SMS endpoint with its recipients. The
 * dispatcher gives each channel its own worker and consumer group ({@link #name()}); a channel names the addressees
 * an alert goes to (a webhook: itself; SMS: the reference names of the recipients whose filters match), and each
 * (addressee, alert) is one delivery with the webhooks' promise: retried, parked, dead-lettered after the give-up
 * time, keyed in the retry and dead-letter topics by the addressee.
 */
public interface AlertChannel extends AutoCloseable {

    /** Lower-case letters, digits and dashes: the consumer group, the worker thread and the metrics' tag. */
    String name();

    /** At most this many attempts a second. */
    double ratePerSecond();

    /** Who wants this alert; empty when nobody does. */
    List<String> addressees(Alert alert);

    /** Whether a delivery parked for this addressee is this channel's to retry. */
    boolean owns(String addressee);

    /** One attempt of one alert state change to one addressee; never throws for a failed delivery. */
    AttemptResult attempt(String addressee, Alert alert) throws InterruptedException;

    @Override
    default void close() {
        // most channels hold nothing open
    }
}
