package org.flowwatch.consumers.sms;

import org.flowwatch.schemas.avro.SmsStatus;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the SMSC's delivery receipts ({@code deliver_sm} with the receipt flag) off an SMPP bind and records them.
 * Messages from phones on the same bind are not ours to read (SMS in is another process): they are acknowledged and
 * dropped, never logged.
 */
final class SmppReceiptListener implements MessageReceiverListener {

    private static final Logger LOG = LoggerFactory.getLogger(SmppReceiptListener.class);
    private static final int ESME_RINVCMDID = 0x03;

    private final SmsReceipts receipts;

    SmppReceiptListener(SmsReceipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) {
        if (!deliverSm.isSmscDeliveryReceipt()) {
            return;
        }
        try {
            DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
            receipts.received(receipt.getId(), status(receipt.getFinalStatus()), receipt.getFinalStatus().name() + " err:" + receipt.getError());
        } catch (InvalidDeliveryReceiptException e) {
            LOG.warn("SMSC sent a delivery receipt that could not be read: {}", e.getMessage());
        }
    }

    static SmsStatus status(DeliveryReceiptState state) {
        return switch (state) {
            case DELIVRD -> SmsStatus.DELIVERED;
            case EXPIRED -> SmsStatus.EXPIRED;
            case ACCEPTD, ENROUTE -> SmsStatus.ACCEPTED;
            default -> SmsStatus.FAILED;
        };
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
        // nothing: flowwatch does not ask the SMSC for alert notifications
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not handled by the alert dispatcher", ESME_RINVCMDID);
    }
}
