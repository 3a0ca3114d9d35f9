package org.flowwatch.streams.arrivals.validation;

import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.flowwatch.streams.runtime.errors.RejectHeaders;
import org.flowwatch.streams.runtime.metrics.ArrivalMetrics;

/**
 * Checks each record from a post against its rules and the sites reference data (a global store). A valid record
 * goes on with its timestamp set to its event time, so windows downstream count by when people crossed; a rejected
 * one keeps its record timestamp, gains the reject headers (reason, field, source topic, partition, offset) and is
 * counted in {@code rejected-<reason>-total}.
 */
public final class CheckPostRecords<V> extends ContextualFixedKeyProcessor<String, V, Checked<V>> {

    private final RecordRules<V> rules;
    private final EventTime<V> eventTime;
    private final String sitesStore;
    private final String entity;
    private SitesReference sites;
    private ArrivalMetrics metrics;

    public CheckPostRecords(RecordRules<V> rules, EventTime<V> eventTime, String sitesStore, String entity) {
        this.rules = rules;
        this.eventTime = eventTime;
        this.sitesStore = sitesStore;
        this.entity = entity;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Checked<V>> context) {
        super.init(context);
        this.sites = SitesReference.in(context, sitesStore);
        this.metrics = new ArrivalMetrics(context.metrics(), entity);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        V value = record.value();
        RecordTimes times = new RecordTimes(record.timestamp(), context().currentStreamTimeMs());
        rules.check(value, sites.site(rules.postOf(value)), times).ifPresentOrElse(
                rejection -> reject(record, rejection),
                () -> context().forward(record.withValue(Checked.valid(value)).withTimestamp(eventTime.of(value))));
    }

    private void reject(FixedKeyRecord<String, V> record, Rejection rejection) {
        metrics.count("rejected-" + rejection.reason().metricName());
        RecordMetadata source = context().recordMetadata().orElseThrow();
        context().forward(record.withValue(Checked.rejected(record.value(), rejection))
                .withHeaders(RejectHeaders.with(record.headers(), rejection, source.topic(), source.partition(), source.offset())));
    }

    /** When the recorded event happened, in epoch milliseconds. */
    @FunctionalInterface
    public interface EventTime<V> {
        long of(V value);
    }
}
