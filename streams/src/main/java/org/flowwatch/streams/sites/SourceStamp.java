package org.flowwatch.streams.sites;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.flowwatch.schemas.avro.SiteInput;

/**
 * Wraps an input of the ledger with the topic, partition and offset it was read from, before it is repartitioned:
 * after that the record's own metadata names the internal topic, and a rejected input could not be traced.
 */
final class SourceStamp<V> implements FixedKeyProcessor<String, V, SiteInput> {

    private FixedKeyProcessorContext<String, SiteInput> context;

    @Override
    public void init(FixedKeyProcessorContext<String, SiteInput> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        context.forward(record.withValue(new SiteInput(record.value(), source.topic(), source.partition(), source.offset())));
    }
}
