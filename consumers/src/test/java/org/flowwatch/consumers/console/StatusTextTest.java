package org.flowwatch.consumers.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;
import org.flowwatch.consumers.dashboard.OpsView;
import org.junit.jupiter.api.Test;

class StatusTextTest {

    private static final OpsView VIEW = new OpsView(7,
            List.of(new OpsView.Hour("2023-09-26T03:00:00Z", 900, 12_650), new OpsView.Hour("2023-09-26T04:00:00Z", 900, 13_550)),
            13_550,
            List.of(new OpsView.Post("kornidzor", 610, 4_740, null), new OpsView.Post("tegh", 0, 35, "critical")),
            List.of(new OpsView.SiteCard("goris-1", "Goris", 12_400, 10_000, "critical", List.of(
                    new OpsView.ItemCover("water", "litre", 0.84, null, "critical"),
                    new OpsView.ItemCover("shelter", "square_metre", null, 3.2, "ok")))),
            List.of(new OpsView.OpenAlert("SHORTAGE/goris-1/water/2023-09-26T06:00:00Z", 2, "shortage", "critical", "escalated",
                    "Goris: water covers 0.8 days for 12,400 people", "2023-09-26T06:00:00Z", "2023-09-26T07:00:00Z", true,
                    "2023-09-26T07:05:00Z")));

    @Test
    void shouldPrintTheSamePictureAsThePageForAShell() {
        // when
        String text = print(VIEW, true);

        // then: hours in the operation's zone, silent posts and short items called out, acks shown
        assertThat(text).contains("ARRIVALS  13,550 people counted; 900 in the hour from 2023-09-26 08:00 (Asia/Yerevan)")
                .containsPattern("kornidzor +610 +4,740 +reporting")
                .containsPattern("tegh +0 +35 +SILENT \\(critical\\)")
                .containsPattern("goris-1 +12,400 +10,000 +water 0.8 CRITICAL\\n")
                .contains("ALERT ESCALATED    CRITICAL SHORTAGE    Goris: water covers 0.8 days for 12,400 people  "
                        + "(since 2023-09-26 10:00, acknowledged) [SHORTAGE/goris-1/water/2023-09-26T06:00:00Z]");
    }

    @Test
    void shouldSayNoAlertsAreOpenRatherThanPrintNothing() {
        // when
        String text = print(new OpsView(0, List.of(), 0, List.of(), List.of(), List.of()), false);

        // then
        assertThat(text.strip()).isEqualTo("ALERTS    none open");
    }

    private static String print(OpsView view, boolean status) {
        StringWriter out = new StringWriter();
        StatusText text = new StatusText(new PrintWriter(out), ZoneId.of("Asia/Yerevan"));
        if (status) {
            text.status(view);
        } else {
            text.alerts(view);
        }
        return out.toString();
    }
}
