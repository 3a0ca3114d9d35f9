package org.flowwatch.streams.runtime.time;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;
import org.flowwatch.schemas.avro.CrossingEvent;

/**
 * Event time of a crossing is when the group crossed ({@code occurredAt}), not when a post that was offline for
 * hours finally delivered it. Records that are not crossings keep their record timestamp.
 */
public final class CrossingTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof CrossingEvent crossing) {
            return crossing.getOccurredAt().toEpochMilli();
        }
        return record.timestamp();
    }
}
