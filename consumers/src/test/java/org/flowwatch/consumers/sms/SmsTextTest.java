package org.flowwatch.consumers.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.junit.jupiter.api.Test;

class SmsTextTest {

    private static final Instant T0 = Instant.parse("2023-09-25T10:00:00Z");
    private static final Alert CAPACITY = Alert.newBuilder().setAlertId("CAPACITY/goris/" + T0).setVersion(1)
            .setKind(AlertKind.CAPACITY).setSeverity(Severity.WARNING).setState(AlertState.OPEN).setStartsAt(T0).setUpdatedAt(T0)
            .setLabels(Map.of("site", "goris")).setEvidence(Map.of("population", 2.0, "capacity", 3000.0, "occupancy", 0.0007))
            .setSummary("Goris: 2 people for 3,000 places (0%)").build();

    @Test
    void shouldWriteEachRecipientsLanguage() {
        SmsText text = SmsText.inLanguage(ZoneId.of("Asia/Yerevan"));

        String ack = "ACK " + org.flowwatch.schemas.alerts.AlertShortId.of(CAPACITY.getAlertId()) + " · ";
        assertThat(ack).matches("ACK [0-9A-F]{6} · ");
        assertThat(text.of(CAPACITY, "en")).isEqualTo(ack + "Goris: 2 people for 3,000 places (0%)");
        assertThat(text.of(CAPACITY, null)).as("no language: English").isEqualTo(ack + CAPACITY.getSummary());
        assertThat(text.of(CAPACITY, "ru")).startsWith(ack + "Goris: 2 человека при");
    }
}
