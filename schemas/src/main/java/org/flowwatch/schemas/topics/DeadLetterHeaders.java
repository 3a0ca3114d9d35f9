package org.flowwatch.schemas.topics;

/**
 * The headers every record on a dead-letter or rejected topic carries, as UTF-8 strings: why it was refused and
 * where it came from. One contract for every writer (the streams apps, the ingest channels) and every reader.
 */
public final class DeadLetterHeaders {

    /** The reason code, e.g. UNKNOWN_POST or UNDECODABLE. */
    public static final String REASON = "flowwatch.reject.reason";
    /** The field that broke a rule (validation). */
    public static final String FIELD = "flowwatch.reject.field";
    /** The rule a ledger change broke (the sites app). */
    public static final String RULE = "flowwatch.reject.rule";
    /** A human-readable detail (ingest channels). */
    public static final String MESSAGE = "flowwatch.reject.message";
    public static final String SOURCE_TOPIC = "flowwatch.source.topic";
    public static final String SOURCE_PARTITION = "flowwatch.source.partition";
    public static final String SOURCE_OFFSET = "flowwatch.source.offset";
    /** The ingest channel a record came in by (http, kobo, odk, sms), instead of a topic. */
    public static final String SOURCE_CHANNEL = "flowwatch.source.channel";
    public static final String SOURCE_SENDER = "flowwatch.source.sender";

    private DeadLetterHeaders() {
    }
}
