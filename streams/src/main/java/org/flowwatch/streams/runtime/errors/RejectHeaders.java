package org.flowwatch.streams.runtime.errors;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.flowwatch.schemas.topics.DeadLetterHeaders;
import org.flowwatch.streams.arrivals.validation.Rejection;

/**
 * The headers of every dead-lettered record, whether it broke a rule or could not be read at all: one reader handles
 * both. Values are UTF-8 strings (partition and offset in decimal).
 */
public final class RejectHeaders {

    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String FIELD = DeadLetterHeaders.FIELD;
    public static final String RULE = DeadLetterHeaders.RULE;
    public static final String SOURCE_TOPIC = DeadLetterHeaders.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterHeaders.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterHeaders.SOURCE_OFFSET;

    private RejectHeaders() {
    }

    /** A copy of {@code original} with the reject headers added (earlier reject headers replaced). */
    public static Headers with(Headers original, Rejection rejection, String topic, int partition, long offset) {
        return stamped(original, rejection.reason().name(), FIELD, rejection.field(), topic, partition, offset);
    }

    /** The same for a change the sites ledger refused: its reason and the {@code rule} it broke. */
    public static Headers withRule(Headers original, String reason, String rule, String topic, int partition, long offset) {
        return stamped(original, reason, RULE, rule, topic, partition, offset);
    }

    private static Headers stamped(Headers original, String reason, String detailKey, String detail, String topic,
                                   int partition, long offset) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, REASON, reason);
        put(headers, detailKey, detail);
        put(headers, SOURCE_TOPIC, topic);
        put(headers, SOURCE_PARTITION, Integer.toString(partition));
        put(headers, SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /** The string value of header {@code key}, or null. */
    public static String value(Headers headers, String key) {
        var header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void put(Headers headers, String key, String value) {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
