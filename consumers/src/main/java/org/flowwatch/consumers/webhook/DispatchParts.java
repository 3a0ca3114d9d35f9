package org.flowwatch.consumers.webhook;

import java.time.Clock;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.flowwatch.schemas.serde.FlowwatchSerdes;

/**
 * What every endpoint worker of one dispatcher shares; {@code retryReaders} makes consumers of no group, to read a
 * retry partition through (see {@link ParkedAlerts}).
 */
record DispatchParts(FlowwatchSerdes serdes, DeliveryParking parking, DispatchMetrics metrics,
                     RetryPolicy retry, Clock clock, Supplier<Consumer<String, byte[]>> retryReaders) {
}
