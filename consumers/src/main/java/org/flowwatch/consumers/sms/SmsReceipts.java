package org.flowwatch.consumers.sms;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.avro.SmsReceipt;
import org.flowwatch.schemas.avro.SmsStatus;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what became of each SMS to {@code flowwatch.sms.receipts.v1}, keyed by the recipient's reference: ACCEPTED
 * when the SMSC or gateway took it, then once what its delivery receipts say: DELIVERED when every part was
 * delivered, else FAILED or EXPIRED as the first part that was not. An SMSC's receipt names only its message id, so
 * the ids of accepted parts are remembered (the latest {@value #REMEMBERED}) to find the alert and recipient.
 * Receipts are a record of what happened, not part of the delivery promise: a write the broker refuses is logged and
 * counted by the producer's own metrics.
 */
public final class SmsReceipts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmsReceipts.class);
    static final int REMEMBERED = 100_000;

    private final KafkaProducer<String, SmsReceipt> producer;
    private final Clock clock;
    private final Map<String, Pending> accepted = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Pending> eldest) {
            return size() > REMEMBERED;
        }
    };

    public SmsReceipts(Map<String, Object> kafkaConfig, FlowwatchSerdes serdes, Clock clock) {
        Map<String, Object> config = CommonSettings.reliableProducer(kafkaConfig);
        this.producer = new KafkaProducer<>(config, serdes.key(Topics.SMS_RECEIPTS).serializer(),
                serdes.value(Topics.SMS_RECEIPTS).serializer());
        this.clock = clock;
    }

    /** The SMSC or gateway took the message; {@code partIds} are its ids of the parts, to match later receipts. */
    void accepted(SmsReceipt receipt, List<String> partIds) {
        Pending pending = new Pending(receipt, partIds.size());
        synchronized (accepted) {
            partIds.forEach(id -> accepted.put(id, pending));
        }
        write(receipt);
    }

    /** A delivery receipt for one message id; unknown ids (sent before a restart, or not ours) are skipped. */
    void received(String messageId, SmsStatus status, String detail) {
        if (status == SmsStatus.ACCEPTED) {
            return; // already recorded when the SMSC answered the submit
        }
        Pending pending;
        synchronized (accepted) {
            pending = accepted.remove(messageId);
            if (pending == null) {
                LOG.debug("receipt for unknown message id {} skipped", messageId);
                return;
            }
            pending.remaining--;
            if (pending.finished || (status == SmsStatus.DELIVERED && pending.remaining > 0)) {
                return;
            }
            pending.finished = true;
        }
        write(SmsReceipt.newBuilder(pending.accepted).setStatus(status).setMessageId(messageId).setDetail(detail)
                .setAt(clock.instant()).build());
    }

    private void write(SmsReceipt receipt) {
        producer.send(new ProducerRecord<>(Topics.SMS_RECEIPTS.name(), receipt.getRecipient(), receipt), (metadata, error) -> {
            if (error != null) {
                LOG.warn("receipt of alert {}:{} for {} not written: {}", receipt.getAlertId(), receipt.getAlertVersion(),
                        receipt.getRecipient(), error.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** An accepted message waiting for its parts' receipts (guarded by the map's lock). */
    private static final class Pending {
        private final SmsReceipt accepted;
        private int remaining;
        private boolean finished;

        Pending(SmsReceipt accepted, int parts) {
            this.accepted = accepted;
            this.remaining = parts;
        }
    }
}
