package org.flowwatch.streams.counting;

import java.time.Duration;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.flowwatch.schemas.avro.ArrivalCount;

/**
 * A crossing updates every hopping window that contains it (12 for 60 minutes advancing by 5); only one of them is
 * "the last period" as of that crossing: the oldest, whose end is within one advance after it. This step keeps that
 * one, so the rolling topic carries one figure per crossing and per key the latest is the current one.
 */
public final class CurrentRollingWindow implements FixedKeyProcessor<Windowed<String>, ArrivalCount, ArrivalCount> {

    private final long advanceMs;
    private FixedKeyProcessorContext<Windowed<String>, ArrivalCount> context;

    public CurrentRollingWindow(Duration advance) {
        this.advanceMs = advance.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<Windowed<String>, ArrivalCount> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<Windowed<String>, ArrivalCount> record) {
        if (record.key().window().end() - advanceMs <= record.timestamp()) {
            context.forward(record);
        }
    }
}
