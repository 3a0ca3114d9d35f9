package org.flowwatch.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.flowwatch.consumers.dashboard.SiteStatuses.aSite;
import static org.flowwatch.consumers.dashboard.SiteStatuses.at;
import static org.flowwatch.consumers.dashboard.SiteStatuses.convoy;
import static org.flowwatch.consumers.dashboard.SiteStatuses.notReported;
import static org.flowwatch.consumers.dashboard.SiteStatuses.place;
import static org.flowwatch.consumers.dashboard.SiteStatuses.vulnerable;
import static org.flowwatch.consumers.dashboard.SiteStatuses.water;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import java.util.List;
import java.util.UUID;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SiteKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser (Debian's headless chromium): it loads with no console error, shows the counts and the
 * alert, the run-out table and the map it received over server-sent events (the page has no other source of data; {@code #still} closes the
 * stream after the first state, as a headless browser waits for the network to go quiet), and fits a laptop and a phone.
 * Screenshots stay in target/dashboard-screenshots/ as test artifacts.
 */
@Tag("integration")
@Timeout(120)
@ExtendWith(EmbeddedStackExtension.class)
class DashboardChromiumIntegrationTest {

    private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");
    // The first hours of the 2023 replay, operation-wide, as the arrivals app counts them (UTC; 04:00 is 08:00 in Yerevan).
    private static final Instant FIRST_HOUR = Instant.parse("2023-09-24T20:00:00Z");
    private static final long[] PEOPLE_PER_HOUR = {380, 410, 395, 325, 290, 260, 310, 350, 420, 470, 520, 610};

    @Test
    void shouldShowReplayedCountsAndAnAlertWithNoConsoleErrorOnALaptopAndAPhone(EmbeddedStack stack, @TempDir Path dir) throws Exception {
        assumeTrue(HeadlessChromium.installed(), "chromium is not installed: apt-get install chromium (CI's .ci/run does)");

        // given a replay's hourly counts, a post, a site short of water and its alert, and the ops centre serving them
        String id = UUID.randomUUID().toString().substring(0, 8);
        OpsRecords records = new OpsRecords(stack);
        for (int hour = 0; hour < PEOPLE_PER_HOUR.length; hour++) {
            records.operationHour("browser-" + id, FIRST_HOUR.plus(Duration.ofHours(hour)), PEOPLE_PER_HOUR[hour]);
        }
        records.postRolling("kornidzor-" + id, FIRST_HOUR.plus(Duration.ofHours(PEOPLE_PER_HOUR.length)), 610, 4_740);
        // Goris's water runs out in 23 h from its status (Tue 12:00 in Yerevan), counted 14 h before, one convoy
        // coming and one overdue, food never reported; posts and sites on the map from their reference data
        records.siteStatus(aSite("goris-" + id, "Goris reception " + id, 12_400,
                water(178_250, 186_000, 23.0).setCountedStock(420_000.0).setCountedAt(at(-14))
                        .setExpectedDeliveries(List.of(convoy("C-12", 60_000, 5), convoy("C-9", 80_000, -3))).build(),
                notReported("food", "ration"))
                .setPopulationEstimated(true).setEstimatedDepartures(310).setArrivalsPerHour(420).setDeparturesPerHour(35)
                .setVulnerable(vulnerable(14, 85, 120, 40, 900)).build());
        records.place(place("kornidzor-" + id, "Kornidzor " + id, SiteKind.BORDER_POST, 39.30, 46.32));
        records.place(place("goris-" + id, "Goris " + id, SiteKind.RECEPTION_CENTRE, 39.51, 46.34));
        records.place(place("vayk-" + id, "Vayk " + id, SiteKind.RECEPTION_CENTRE, 39.69, 45.47));
        records.place(place("yerevan-" + id, "Yerevan " + id, SiteKind.SHELTER, 40.18, 44.51));
        Alert alert = records.waterShortage("goris-" + id, "Goris reception " + id + ": water covers 0.8 days for 12,400 people");
        try (OpsCentre centre = OpsCentre.start(records.settings(), records.serdes(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC())) {
            await().alias("picture complete").atMost(Duration.ofSeconds(30))
                    .until(() -> centre.picture().openAlert(alert.getAlertId()).isPresent() && centre.picture().posts().contains("kornidzor-" + id)
                            && centre.picture().view().places().size() >= 4 && !centre.picture().view().runOut().isEmpty());
            String url = "http://127.0.0.1:" + centre.port() + "/#still"; // the first pushed state, then the stream closes
            HeadlessChromium chromium = new HeadlessChromium(dir);

            // when the page is loaded
            HeadlessChromium.Run page = chromium.dumpDom(url, 5_000);

            // then it rendered the pushed state, with no error in the page's console
            assertThat(page.exitCode()).as(page.log()).isZero();
            assertThat(page.consoleErrors()).as("console errors").isEmpty();
            assertThat(page.output()).contains("data-errors=\"0\"").contains("data-version=")
                    .contains("data-post=\"kornidzor-" + id + "\"").contains("4,740 in 24 h")
                    .contains("Goris reception " + id + ": water covers 0.8 days for 12,400 people")
                    .contains(">acknowledge</button>").contains("<polyline");

            // and the run-out table: soonest first, times in Yerevan (UTC+4) from the status's clock, the count
            // with its age, the overdue convoy, and food flagged as not reported (never "0")
            String dom = page.output();
            assertThat(dom).contains("data-runout=\"goris-" + id + "/water\"").contains("runs out in ~23 h</strong> (Wed 11:00)")
                    .contains("~18 h (Wed 06:24) to ~30 h (Wed 17:54)").contains("about 178,250 L left")
                    .contains("counted 14 h ago: 420,000 L").contains("C-12: 60,000 L Tue 17:00")
                    .contains("C-9: 80,000 L Tue 09:00<span class=\"badge warning\">overdue</span>")
                    .contains("data-runout=\"goris-" + id + "/food\"").contains("not reported</span> stock unknown")
                    .contains("12,400 people (estimated)");
            assertThat(dom.indexOf("/water\"")).as("water (23 h) before food (not reported)").isLessThan(dom.indexOf("/food\""));
            assertThat(dom).as("people with specific needs").contains("data-people=\"goris-" + id + "\"").contains(">900<");

            // and the map: the country outlines from the shipped TopoJSON, the post and sites coloured by urgency
            assertThat(dom).contains("data-country=\"051\"").contains(">ARMENIA<")
                    .contains("class=\"place critical\" data-place=\"goris-" + id + "\"")
                    .contains("class=\"place ok\" data-place=\"kornidzor-" + id + "\"")
                    .contains("class=\"place unknown\" data-place=\"yerevan-" + id + "\"")
                    .contains("Goris " + id + " · runs out ~23 h");

            // and it fits a laptop and a phone (screenshots kept as artifacts)
            Files.createDirectories(SCREENSHOTS);
            assertThat(chromium.screenshot(url, SCREENSHOTS.resolve("dashboard-laptop.png"), 1280, 2400).exitCode()).isZero();
            assertThat(chromium.screenshot(url, SCREENSHOTS.resolve("dashboard-phone.png"), 390, 4200).exitCode()).isZero();
            assertThat(SCREENSHOTS.resolve("dashboard-laptop.png")).isNotEmptyFile();
            assertThat(SCREENSHOTS.resolve("dashboard-phone.png")).isNotEmptyFile();
        }
    }
}
