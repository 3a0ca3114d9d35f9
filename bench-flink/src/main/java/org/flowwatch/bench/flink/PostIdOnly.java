package org.flowwatch.bench.flink;

import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * A crossing as the count needs it: its key, the post id. The event time is the record's timestamp, which the
 * source attaches itself; the Avro value is not decoded. A record without a key is dropped, as Kafka Streams'
 * groupByKey drops it.
 */
final class PostIdOnly implements KafkaRecordDeserializationSchema<String> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
        FirstRecordClock.recordRead();
        if (record.key() != null) {
            out.collect(new String(record.key(), StandardCharsets.UTF_8));
        }
    }

    @Override
    public TypeInformation<String> getProducedType() {
        return Types.STRING;
    }
}
