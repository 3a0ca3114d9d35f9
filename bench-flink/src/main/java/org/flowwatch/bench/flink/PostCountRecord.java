package org.flowwatch.bench.flink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A post's window count as the bare Kafka Streams count writes it: key the post id's bytes, value the count as an
 * 8-byte big-endian long (Kafka's LongSerializer), timestamp the window's (its last millisecond).
 */
final class PostCountRecord implements KafkaRecordSerializationSchema<Tuple2<String, Long>> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    PostCountRecord(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(Tuple2<String, Long> count, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(topic, null, timestamp, count.f0.getBytes(StandardCharsets.UTF_8),
                ByteBuffer.allocate(Long.BYTES).putLong(count.f1).array());
    }
}
