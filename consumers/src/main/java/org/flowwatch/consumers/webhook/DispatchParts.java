package org.flowwatch.consumers.webhook;

import java.time.Clock;
import org.flowwatch.schemas.serde.FlowwatchSerdes;

/** What every endpoint worker of one dispatcher shares. */
record DispatchParts(FlowwatchSerdes serdes, DeliveryParking parking, DispatchMetrics metrics,
                     RetryPolicy retry, Clock clock) {
}
