package org.flowwatch.streams.sites.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.junit.jupiter.api.Test;

class AlertEpisodesTest {

    private static final Instant T0 = Instant.parse("2023-09-26T08:00:00Z");

    @Test
    void shouldOpenWithAnIdNamingTheEpisodeAndItsStart() {
        Alert open = AlertEpisodes.next(null, Level.WARNING, reading(T0)).orElseThrow();

        assertThat(open.getAlertId()).isEqualTo("SHORTAGE/goris/water/2023-09-26T08:00:00Z");
        assertThat(open.getState()).isEqualTo(AlertState.OPEN);
        assertThat(open.getVersion()).isEqualTo(1);
        assertThat(open.getEndsAt()).isNull();
    }

    @Test
    void shouldChangeNothingWhenTheLevelStaysTheSame() {
        Alert open = AlertEpisodes.next(null, Level.CRITICAL, reading(T0)).orElseThrow();

        assertThat(AlertEpisodes.next(open, Level.CRITICAL, reading(T0.plusSeconds(60)))).isEmpty();
        assertThat(AlertEpisodes.next(null, Level.NORMAL, reading(T0))).isEmpty();
    }

    @Test
    void shouldKeepTheIdAndStartThroughEscalationAndResolution() {
        Alert open = AlertEpisodes.next(null, Level.WARNING, reading(T0)).orElseThrow();
        Alert escalated = AlertEpisodes.next(open, Level.CRITICAL, reading(T0.plusSeconds(60))).orElseThrow();
        Alert resolved = AlertEpisodes.next(escalated, Level.NORMAL, reading(T0.plusSeconds(120))).orElseThrow();

        assertThat(escalated.getState()).isEqualTo(AlertState.ESCALATED);
        assertThat(escalated.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(resolved.getState()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.getVersion()).isEqualTo(3);
        assertThat(resolved.getAlertId()).isEqualTo(open.getAlertId());
        assertThat(resolved.getStartsAt()).isEqualTo(T0);
        assertThat(resolved.getEndsAt()).isEqualTo(T0.plusSeconds(120));
        assertThat(Level.of(resolved)).isEqualTo(Level.NORMAL);
    }

    private static Reading reading(Instant at) {
        return new Reading("SHORTAGE/goris/water", AlertKind.SHORTAGE, at, Map.of("site", "goris"), Map.of("daysOfCover", 2.0),
                () -> "Goris: water covers 2.0 days");
    }
}
