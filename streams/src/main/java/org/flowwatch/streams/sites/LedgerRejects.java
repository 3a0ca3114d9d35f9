package org.flowwatch.streams.sites;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.flowwatch.schemas.avro.SiteInput;

/** The headers of a refused ledger input on the sites dead-letter topic: why (rule, reason) and where it was read. */
final class LedgerRejects {

    private LedgerRejects() {
    }

    static RecordHeaders headers(Headers from, SiteInput input, String rule, String reason) {
        RecordHeaders headers = new RecordHeaders(from.toArray());
        headers.add("flowwatch.reject.reason", bytes(reason));
        headers.add("flowwatch.reject.rule", bytes(rule));
        headers.add("flowwatch.source.topic", bytes(input.getSourceTopic()));
        headers.add("flowwatch.source.partition", bytes(String.valueOf(input.getSourcePartition())));
        headers.add("flowwatch.source.offset", bytes(String.valueOf(input.getSourceOffset())));
        return headers;
    }

    private static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
