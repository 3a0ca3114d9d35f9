package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;

import java.time.Duration;
import java.time.Instant;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.SupplyKind;
import org.junit.jupiter.api.Test;

/**
 * The sites app's figures do not depend on how fast the hours are replayed: the operation clock follows event time
 * while inputs flow (the wall clock only moves it on through quiet spells), so a replay at 3,600x and the same hours
 * lived through give the same population, stock, cover and run-out.
 */
class ReplaySpeedTopologyTest {

    private static final int HOURS = 12;

    @Test
    void shouldGiveTheSameFiguresWhenTheHoursAreReplayedAt3600xAsWhenTheyAreLived() {
        SiteStatus lived = run(Duration.ofHours(1));
        SiteStatus replayed = run(Duration.ofSeconds(1));

        assertThat(replayed.getPopulation()).isEqualTo(lived.getPopulation()).isEqualTo(1_300 - 250);
        assertThat(replayed.getUpdatedAt()).isEqualTo(lived.getUpdatedAt());
        ItemStatus livedWater = lived.getItems().get(0);
        ItemStatus replayedWater = replayed.getItems().get(0);
        assertThat(replayedWater.getStock()).isCloseTo(livedWater.getStock(), within(1e-3));
        assertThat(replayedWater.getDaysOfCover()).isCloseTo(livedWater.getDaysOfCover(), within(1e-6));
        assertThat(replayedWater.getHoursToRunOut()).isCloseTo(livedWater.getHoursToRunOut(), within(1e-6));
        assertThat(replayedWater.getRunsOutAt()).isEqualTo(livedWater.getRunsOutAt());
        // and the figure is what hand arithmetic gives: 30,000 L less 15 L a day for each person-hour at Goris
        double personHours = 0;
        for (int hour = 0; hour < HOURS; hour++) {
            personHours += 100 * (hour + 1) - (hour >= 6 ? 250 : 0);
        }
        assertThat(replayedWater.getStock()).isCloseTo(30_000 - personHours * 15 / 24, within(1.0));
    }

    /** 100 people an hour into Goris for 13 hours, 30,000 L counted at the start, 250 leaving at hour 6. */
    private static SiteStatus run(Duration wallClockPerHour) {
        try (SitesDriver sites = new SitesDriver().withGorisScenario()) {
            sites.supply("goris", "water", SupplyKind.STOCK_COUNT, 30_000, "litre", T0);
            for (int hour = 0; hour <= HOURS; hour++) {
                Instant at = T0.plus(Duration.ofHours(hour));
                if (hour > 0) {
                    sites.advanceWallClock(wallClockPerHour);
                }
                sites.arrivals("kornidzor", 100, at);
                if (hour == 6) {
                    sites.move(MovementKind.DEPARTURE, "goris", null, 250, at);
                }
            }
            return sites.statuses.readKeyValuesToMap().get("goris");
        }
    }
}
