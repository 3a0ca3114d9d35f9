package org.flowwatch.consumers.webhook;

import java.util.List;
import org.flowwatch.schemas.avro.Alert;

/** A webhook endpoint as a channel: its one addressee is the endpoint itself. */
record WebhookChannel(Endpoint endpoint, WebhookSender sender) implements AlertChannel {

    @Override
    public String name() {
        return endpoint.name();
    }

    @Override
    public double ratePerSecond() {
        return endpoint.ratePerSecond();
    }

    @Override
    public List<String> addressees(Alert alert) {
        return endpoint.filter().matches(alert) ? List.of(endpoint.name()) : List.of();
    }

    @Override
    public boolean owns(String addressee) {
        return endpoint.name().equals(addressee);
    }

    @Override
    public AttemptResult attempt(String addressee, Alert alert) throws InterruptedException {
        return sender.send(endpoint, alert);
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
