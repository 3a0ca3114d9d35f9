package org.flowwatch.streams.runtime.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.StreamsMetrics;

/**
 * Counters of records not counted, as Kafka Streams custom sensors: they appear in {@code KafkaStreams.metrics()},
 * over JMX and in the test driver's metrics, with no extra dependency. Group {@code stream-flowwatch-metrics}, tag
 * {@code flowwatch-id} naming the entity (e.g. {@code crossings}); names {@code <operation>-total} and
 * {@code <operation>-rate}, e.g. {@code rejected-unknown-post-total}, {@code duplicate-total}, {@code late-hour-total}.
 * Undecodable records are also counted by Kafka's own task metric {@code dropped-records-total}.
 */
public final class ArrivalMetrics {

    public static final String GROUP = "stream-flowwatch-metrics";
    public static final String SCOPE = "flowwatch";

    private final StreamsMetrics metrics;
    private final String entity;
    private final Map<String, Sensor> sensors = new HashMap<>();

    public ArrivalMetrics(StreamsMetrics metrics, String entity) {
        this.metrics = metrics;
        this.entity = entity;
    }

    /** Adds one to {@code <operation>-total}. */
    public void count(String operation) {
        sensors.computeIfAbsent(operation, name -> metrics.addRateTotalSensor(SCOPE, entity, name, Sensor.RecordingLevel.INFO))
                .record();
    }
}
