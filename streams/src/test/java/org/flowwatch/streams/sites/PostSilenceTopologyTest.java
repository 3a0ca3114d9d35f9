package org.flowwatch.streams.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;

import java.time.Duration;
import java.util.List;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.AlertState;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** POST_SILENT with opening hours and for posts that never reported (T0 is 10:00 in Yerevan; checks every minute). */
class PostSilenceTopologyTest {

    @AutoClose
    private final SitesDriver sites = new SitesDriver();

    @Test
    void shouldStayQuietAtNightWhenPostIsClosedAndAlertWhenAlwaysOpen() {
        // given Margara works 08:00-10:20 (Yerevan), Kornidzor round the clock; both heard at 10:00
        post("margara", "Margara", "08:00-10:20");
        post("kornidzor", "Kornidzor", null);
        sites.heartbeat("margara", T0);
        sites.heartbeat("kornidzor", T0);

        // when the wall clock runs on to 22:00, then 07:59 the next morning
        sites.advanceWallClock(Duration.ofHours(12));
        sites.advanceWallClock(Duration.ofMinutes(9 * 60 + 59));

        // then Margara was silent only 20 minutes of its opening hours: no alert; Kornidzor is silent
        List<Alert> silent = sites.alertsOf(AlertKind.POST_SILENT);
        assertThat(silent).extracting(alert -> alert.getLabels().get("post")).containsOnly("kornidzor");
        assertThat(silent).extracting(Alert::getState, Alert::getSeverity)
                .containsExactly(tuple(AlertState.OPEN, Severity.CRITICAL));
    }

    @Test
    void shouldCountSilenceAgainWhenClosedPostReopens() {
        // given Margara (08:00-10:20) heard at 10:00, then closed for the night
        post("margara", "Margara", "08:00-10:20");
        sites.heartbeat("margara", T0);
        sites.advanceWallClock(Duration.ofHours(21));

        // when it opens at 08:00 and stays silent for 10 more minutes (30 minutes of opening hours in all)
        sites.advanceWallClock(Duration.ofMinutes(60 + 10));

        // then
        Alert alert = sites.alertsOf(AlertKind.POST_SILENT).get(0);
        assertThat(alert.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(alert.getSummary()).isEqualTo("Margara: no crossing or heartbeat for 30 min of opening hours (08:00-10:20)");
    }

    @Test
    void shouldAlertThatPostNeverReportedWhenUnheardPastTheSetting() {
        // given Agarak is listed as a border post, noticed at the first check (10:01), never heard
        post("agarak", "Agarak", null);
        sites.advanceWallClock(Duration.ofMinutes(1));

        // when 1 h 59 min pass, then one more minute
        sites.advanceWallClock(Duration.ofMinutes(119));
        List<Alert> before = sites.alertsOf(AlertKind.POST_SILENT);
        sites.advanceWallClock(Duration.ofMinutes(1));

        // then an alert only once sites.post.never.heard.after (2 h) has passed, resolved by its first heartbeat
        assertThat(before).as("not before 2 h").isEmpty();
        sites.heartbeat("agarak", T0);
        List<Alert> silent = sites.alertsOf(AlertKind.POST_SILENT);
        assertThat(silent).extracting(Alert::getState, Alert::getSeverity)
                .containsExactly(tuple(AlertState.OPEN, Severity.WARNING), tuple(AlertState.RESOLVED, Severity.WARNING));
        assertThat(silent.get(0).getSummary())
                .isEqualTo("Agarak: never reported (no crossing, heartbeat or submission in 2 h 0 min since it was listed)");
        assertThat(silent.get(0).getLabels()).containsEntry("post", "agarak").containsEntry("region", "AM-SU");
    }

    @Test
    void shouldNotFlagReceptionCentresOrRemovedPostsAsNeverHeard() {
        // given a reception centre, and a post listed then removed before it reported
        sites.site("goris", "Goris", SiteKind.RECEPTION_CENTRE, 20_000, null);
        post("agarak", "Agarak", null);
        sites.advanceWallClock(Duration.ofMinutes(1));
        sites.removeSite("agarak");

        // when
        sites.advanceWallClock(Duration.ofHours(3));

        // then
        assertThat(sites.alertsOf(AlertKind.POST_SILENT)).isEmpty();
    }

    @Test
    void shouldNotJudgeSignsOfLifeFromAPostTheReferenceDataNeverListed() {
        // given a heartbeat keyed by whatever its sender typed, not a listed post (the arrivals app dead-letters it)
        sites.heartbeat("Anahit Petrosyan +374 91 234567", T0);

        // when the wall clock runs past the critical silence
        sites.advanceWallClock(Duration.ofHours(3));

        // then no alert names it: its key would be the alert's id, label and sentence
        assertThat(sites.alertsOf(AlertKind.POST_SILENT)).isEmpty();
    }

    private void post(String id, String name, String openingHours) {
        sites.site(Site.newBuilder().setSiteId(id).setName(name).setKind(SiteKind.BORDER_POST).setAdm1Code("AM-SU")
                .setAdm1Name("Syunik").setOpeningHours(openingHours).build());
    }
}
