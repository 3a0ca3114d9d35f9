package org.flowwatch.consumers.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.flowwatch.embedded.EmbeddedStack;
import org.flowwatch.embedded.EmbeddedStackExtension;
import org.flowwatch.schemas.avro.Alert;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page in a real browser (Debian's headless chromium): it loads with no console error, shows the counts and the
 * alert it received over server-sent events (the page has no other source of data; {@code #still} closes the
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
        records.site("goris-" + id, "Goris reception " + id, 12_400, 10_000, 0.8);
        Alert alert = records.waterShortage("goris-" + id, "Goris reception " + id + ": water covers 0.8 days for 12,400 people");
        try (OpsCentre centre = OpsCentre.start(records.settings(), records.serdes(), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC())) {
            await().alias("picture complete").atMost(Duration.ofSeconds(30))
                    .until(() -> centre.picture().openAlert(alert.getAlertId()).isPresent() && centre.picture().posts().contains("kornidzor-" + id));
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

            // and it fits a laptop and a phone (screenshots kept as artifacts)
            Files.createDirectories(SCREENSHOTS);
            assertThat(chromium.screenshot(url, SCREENSHOTS.resolve("dashboard-laptop.png"), 1280, 1000).exitCode()).isZero();
            assertThat(chromium.screenshot(url, SCREENSHOTS.resolve("dashboard-phone.png"), 390, 1600).exitCode()).isZero();
            assertThat(SCREENSHOTS.resolve("dashboard-laptop.png")).isNotEmptyFile();
            assertThat(SCREENSHOTS.resolve("dashboard-phone.png")).isNotEmptyFile();
        }
    }
}
