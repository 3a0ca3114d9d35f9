package org.flowwatch.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.flowwatch.schemas.serde.UnknownSchemaException;
import org.flowwatch.schemas.serde.WireFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One record that is not our wire format, or names a schema id the registry does not know, must not stop the
 * pipeline: it is logged once (topic, partition, offset, reason; never its bytes) and skipped. Anything else, such
 * as the registry being unreachable, is not the record's fault: the app fails rather than skip good data.
 */
public final class SkipUndecodableRecords implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SkipUndecodableRecords.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (exception instanceof WireFormatException || exception instanceof UnknownSchemaException) {
            LOG.warn("Skipped undecodable record {}-{}@{}: {}", context.topic(), context.partition(), context.offset(),
                    exception.getMessage());
            return Response.resume();
        }
        LOG.error("Cannot read record {}-{}@{} for a reason that is not the record's ({}); stopping rather than skip it",
                context.topic(), context.partition(), context.offset(), exception.toString());
        return Response.fail();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
