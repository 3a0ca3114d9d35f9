package org.flowwatch.streams.runtime.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.flowwatch.schemas.serde.RegistryUnavailableException;
import org.flowwatch.schemas.serde.UnknownSchemaException;
import org.flowwatch.schemas.serde.WireFormatException;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.arrivals.validation.Rejection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record that is not our wire format, or names a schema id the registry does not know, must not stop the
 * pipeline: its bytes go, as they were, to the dead-letter topic with the same {@link RejectHeaders} as a record
 * that broke a rule (reason UNDECODABLE), it is logged once (topic, partition, offset; never its bytes) and skipped;
 * Kafka counts it in the task metric {@code dropped-records-total}. Anything else is not the record's fault and
 * fails the stream thread rather than dead-letter good data: a registry that cannot answer gets the thread started
 * again from the last commit ({@link org.flowwatch.streams.runtime.StreamsRunner}), which reads the record again.
 *
 * <p>Why not the built-in {@code errors.dead.letter.queue.topic.name}: with it, a handler that resumes sends
 * <em>every</em> failure to the queue (a registry outage would dead-letter good records), and its headers
 * ({@code __streams.errors.*}) differ from those of rule rejects; returning the record ourselves (KIP-1034's
 * {@code Response.resume(records)}) keeps one topic with one set of headers, written in the same transaction.
 */
public final class SkipUndecodableRecords implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SkipUndecodableRecords.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof WireFormatException || exception instanceof UnknownSchemaException) {
            LOG.warn("Dead-lettered undecodable record {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                    exception.getMessage());
            return Response.resume(List.of(deadLetter(record)));
        }
        if (exception instanceof RegistryUnavailableException) {
            return Response.fail(); // StreamsRunner says what happens next
        }
        LOG.error("Cannot read record {}-{}@{} for a reason that is not the record's ({}); stopping rather than skip it",
                context.topic(), context.partition(), context.offset(), exception.toString());
        return Response.fail();
    }

    // Keys of our topics are plain strings, which always decode: what failed is the value.
    private static ProducerRecord<byte[], byte[]> deadLetter(ConsumerRecord<byte[], byte[]> record) {
        var headers = RejectHeaders.with(record.headers(), Rejection.of(Rejection.Reason.UNDECODABLE, "value"),
                record.topic(), record.partition(), record.offset());
        return new ProducerRecord<>(Topics.DEAD_LETTERS.name(), null, record.timestamp(), record.key(), record.value(), headers);
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
