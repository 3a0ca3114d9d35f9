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

    @Test
    void shouldGiveTheNextEpisodeANewIdWhenItOpensAtTheInstantTheLastOneOpenedAndResolved() {
        // given an episode opened and resolved at one instant (statuses stamped at the same hour's end)
        Alert first = AlertEpisodes.next(null, Level.WARNING, reading(T0)).orElseThrow();
        Alert resolved = AlertEpisodes.next(first, Level.NORMAL, reading(T0)).orElseThrow();

        // when the reading at that instant leaves NORMAL again, twice over
        Alert second = AlertEpisodes.next(resolved, Level.CRITICAL, reading(T0)).orElseThrow();
        Alert third = AlertEpisodes.next(AlertEpisodes.next(second, Level.NORMAL, reading(T0)).orElseThrow(), Level.WARNING,
                reading(T0)).orElseThrow();

        // then each is a new episode with an id of its own (receivers drop a second "id v1" as a resend)
        assertThat(second.getState()).isEqualTo(AlertState.OPEN);
        assertThat(second.getVersion()).isEqualTo(1);
        assertThat(second.getAlertId()).isEqualTo("SHORTAGE/goris/water/2023-09-26T08:00:00Z#2");
        assertThat(third.getAlertId()).isEqualTo("SHORTAGE/goris/water/2023-09-26T08:00:00Z#3");
        assertThat(AlertEpisodes.isOpen(second)).isTrue();
        assertThat(AlertEpisodes.isOpen(resolved)).as("a key's last episode, resolved").isFalse();
        assertThat(AlertEpisodes.isOpen(null)).isFalse();
        // and an episode that opens later is named by its own start, as always
        Alert later = AlertEpisodes.next(resolved, Level.WARNING, reading(T0.plusSeconds(3600))).orElseThrow();
        assertThat(later.getAlertId()).isEqualTo("SHORTAGE/goris/water/2023-09-26T09:00:00Z");
    }

    private static Reading reading(Instant at) {
        return new Reading("SHORTAGE/goris/water", AlertKind.SHORTAGE, at, Map.of("site", "goris"), Map.of("daysOfCover", 2.0),
                () -> "Goris: water covers 2.0 days");
    }
}
