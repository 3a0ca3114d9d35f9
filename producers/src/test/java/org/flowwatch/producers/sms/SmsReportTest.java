package org.flowwatch.producers.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SmsReportTest {

    @Test
    void shouldReadEveryPartWhenTheFullFormIsSent() {
        assertThat(SmsReport.parse("FW KOR 12 F5 C4 V2 #17"))
                .isEqualTo(new SmsReport.Crossing("KOR", 12, 5, 4, 2, 17));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fw kor 12 f5 c4 v2 #17", "  FW  KOR 12  F5 C4 V2 # 17 ", "FW KOR 12, F=5, C:4, V 2, #17",
            "KOR 12 F5 C4 V2 #17", "fw kor p12 v2 c4 f5 #17", "FW KOR 12F5C4V2#17", "FW\tKOR\n12 F5;C4;V2;#17",
            "ＦＷ ＫＯＲ １２ Ｆ５ Ｃ４ Ｖ２ ＃１７", "FW KOR ١٢ F٥ C٤ V٢ #١٧", "FW KOR 12 F 5 C 4 V 2 #17"})
    void shouldReadTheSameCrossingWhenCaseSpacingOrDigitsDiffer(String text) {
        assertThat(SmsReport.parse(text)).isEqualTo(new SmsReport.Crossing("KOR", 12, 5, 4, 2, 17));
    }

    @Test
    void shouldLeaveOptionalCountsNullWhenOnlyPeopleAndNumberAreSent() {
        assertThat(SmsReport.parse("FW kornidzor 3 #1")).isEqualTo(new SmsReport.Crossing("KORNIDZOR", 3, null, null, null, 1));
    }

    @Test
    void shouldKeepLettersOfThePostThatLookLikeTagsWhenAPostEndsInOne() {
        assertThat(SmsReport.parse("FW BAVRAC 4 C 2 #9")).isEqualTo(new SmsReport.Crossing("BAVRAC", 4, null, 2, null, 9));
    }

    @Test
    void shouldLeavePeopleOverTheLimitToTheGroupLimitWhenParsing() {
        // the one limit, crossings.max.people, is applied where the crossing is built, not in the parser
        assertThat(SmsReport.parse("FW KOR 250 #3")).isEqualTo(new SmsReport.Crossing("KOR", 250, null, null, null, 3));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ACK 7Q2K9D|7Q2K9D",
            "ack 7q2k9d|7q2k9d",
            "  Ack   run-out/goris/water/2023-09-26T04:00:00Z |run-out/goris/water/2023-09-26T04:00:00Z",
            "FW ACK 7Q2K9D|7Q2K9D",
            "ACK #7Q2K9D|7Q2K9D"})
    void shouldReadAckWithTheAlertAsTyped(String text, String alert) {
        assertThat(SmsReport.parse(text)).isEqualTo(new SmsReport.Ack(alert));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|the text is empty",
            "'   '|the text is empty",
            "FW|the post is missing",
            "FW 12 #3|'12' is not a post: start with the post's code, e.g. KOR",
            "FW KOR|the number of people is missing after the post",
            "FW KOR twelve #3|'TWELVE' is not a whole number of people",
            "FW KOR 12|the number of the report is missing: end with #<number>, the same number when you send it again",
            "FW KOR 12 F5 F6 #3|women is given twice",
            "FW KOR 12 #3 #4|the report number is given twice",
            "FW KOR 12 X3 #3|'X3' is not understood: use F<women> C<children> V<vehicles> #<number>",
            "FW KOR 12 F #3|'F' is not understood: use F<women> C<children> V<vehicles> #<number>",
            "FW KOR 12 Fx #3|'X' is not a whole number of women",
            "FW KOR 12 F13 #3|women 13 is more than the 12 people",
            "FW KOR 12 C13 #3|children 13 is more than the 12 people",
            "FW KOR 12 F7 C6 #3|women 7 + children 6 is more than the 12 people",
            "FW KOR 1234567890 #3|'1234567890' is not a whole number of people",
            "FW KOR 12 #123456789|'#123456789' is not a report number: use #1 to #99999999",
            "FW KOR -3 #3|'-3' is not a whole number of people"})
    void shouldSayWhatIsWrongWhenTheTextIsNotAReport(String text, String problem) {
        assertThatThrownBy(() -> SmsReport.parse(text)).isInstanceOf(SmsFormatException.class).hasMessage(problem);
    }

    @Test
    void shouldTreatNullAsEmpty() {
        assertThatThrownBy(() -> SmsReport.parse(null)).hasMessage("the text is empty");
    }
}
