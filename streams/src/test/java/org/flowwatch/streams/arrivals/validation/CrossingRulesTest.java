package org.flowwatch.streams.arrivals.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.schemas.testing.CrossingBuilder.T0;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.util.Map;
import java.util.Optional;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.arrivals.validation.Rejection.Reason;
import org.junit.jupiter.api.Test;

class CrossingRulesTest {

    private static final Site POST = Site.newBuilder().setSiteId("BP-07").setName("BP-07").setKind(SiteKind.BORDER_POST)
            .setAdm1Code("AM-SU").setAdm1Name("Syunik").build();
    private static final RecordTimes TIMES = new RecordTimes(T0.toEpochMilli(), T0.toEpochMilli());

    @Test
    void shouldCountBusOf120WhenLimitIsTheDefault() {
        // given: the rules as the streams app reads them from its defaults (crossings.max.people from common.properties)
        CrossingRules rules = new CrossingRules(rulesFrom(Map.of()));
        // when
        Optional<Rejection> bus = rules.check(aCrossing().people(120).build(), POST, TIMES);
        Optional<Rejection> overLimit = rules.check(aCrossing().people(201).build(), POST, TIMES);
        // then
        assertThat(bus).as("a bus of 120 people").isEmpty();
        assertThat(overLimit).contains(Rejection.of(Reason.PEOPLE_OUT_OF_RANGE, "people"));
    }

    @Test
    void shouldRejectGroupAboveLimitWhenSettingIsLowered() {
        // given
        CrossingRules rules = new CrossingRules(rulesFrom(Map.of("crossings.max.people", "50")));
        // when / then
        assertThat(rules.check(aCrossing().people(50).build(), POST, TIMES)).isEmpty();
        assertThat(rules.check(aCrossing().people(51).build(), POST, TIMES)).contains(Rejection.of(Reason.PEOPLE_OUT_OF_RANGE, "people"));
    }

    private static ValidationRules rulesFrom(Map<String, String> flags) {
        return StreamsSettings.from(StreamsSettings.loader().flags(flags).load()).arrivals().validation();
    }
}
