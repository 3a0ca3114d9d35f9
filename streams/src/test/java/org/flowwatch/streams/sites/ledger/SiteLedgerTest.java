package org.flowwatch.streams.sites.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SiteLedgerTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = 1_000 * HOUR;
    private static final Need WATER = new Need(15, 0);
    private static final TransitModel NO_MODEL = TransitModel.none();

    @Test
    void shouldUseStockHourByHourWithNoInputAtAll() {
        // given 30,000 L for 1,000 people (2 days at 15 L)
        SiteLedger goris = ledgerWith(1_000, 30_000);

        // when a quiet day passes: 15,000 L used
        goris.advanceTo(T0 + 24 * HOUR, id -> WATER, NO_MODEL);

        // then
        assertThat(goris.items.get("water").level).isCloseTo(15_000, within(1e-6));
        assertThat(goris.items.get("water").estimated).isTrue();
    }

    @Test
    void shouldGiveTheSameFiguresWhetherEvaluatedOnceOrEveryFewSeconds() {
        // given two copies of a transit site: 2,000 people, 12 h median stay, 40,000 L
        TransitModel transit = new TransitModel(12.0, 24 * HOUR);
        SiteLedger once = ledgerWith(2_000, 40_000);
        SiteLedger often = ledgerWith(2_000, 40_000);

        // when one moves on 30 h at once, the other in 10 s steps (as a live punctuator would)
        once.advanceTo(T0 + 30 * HOUR, id -> WATER, transit);
        for (long t = T0; t <= T0 + 30 * HOUR; t += 10_000) {
            often.advanceTo(t, id -> WATER, transit);
        }

        // then the same, to the litre and the person (closed form, not steps)
        assertThat(often.population()).isCloseTo(once.population(), within(1e-6));
        assertThat(often.items.get("water").level).isCloseTo(once.items.get("water").level, within(1e-3));
    }

    @Test
    void shouldMoveHalfThePeopleOnAfterTheMedianStayAndSayItIsAnEstimate() {
        SiteLedger vayk = ledgerWith(2_000, 0);
        vayk.advanceTo(T0 + 12 * HOUR, id -> Need.NONE, new TransitModel(12.0, 24 * HOUR));

        assertThat(vayk.population()).isCloseTo(1_000, within(1e-6));
        assertThat(vayk.modelledLeft).isCloseTo(1_000, within(1e-6));
    }

    @Test
    void shouldTrustReportedDeparturesOverTheModelForTheQuietWindow() {
        // given a transit site that reports a departure
        TransitModel transit = new TransitModel(12.0, 24 * HOUR);
        SiteLedger goris = ledgerWith(2_000, 0);
        goris.leave(500, T0);

        // when 12 h pass: the site reported a departure within 24 h, so nobody is moved on by the model
        goris.advanceTo(T0 + 12 * HOUR, id -> Need.NONE, transit);
        assertThat(goris.population()).isEqualTo(1_500);

        // when 24 h have passed since the report with none since: the model applies from then on (12 h more: half)
        goris.advanceTo(T0 + 36 * HOUR, id -> Need.NONE, transit);
        assertThat(goris.population()).isCloseTo(750, within(1e-6));
    }

    @Test
    void shouldLetReportedDeparturesStandInForTheOnesTheModelAssumed() {
        SiteLedger vayk = ledgerWith(2_000, 0);
        vayk.advanceTo(T0 + 12 * HOUR, id -> Need.NONE, new TransitModel(12.0, 24 * HOUR)); // model: 1,000 left

        // when the site reports 600 departures: they were among the 1,000 the model had moved on
        vayk.leave(600, T0 + 12 * HOUR);
        assertThat(vayk.population()).isCloseTo(1_000, within(1e-6));
        // when it reports 700 more: 1,300 reported, more than the model assumed
        vayk.leave(700, T0 + 12 * HOUR);
        assertThat(vayk.population()).isCloseTo(700, within(1e-6));
    }

    @Test
    void shouldKeepTheShareOfVulnerablePeopleWhenPeopleLeave() {
        SiteLedger goris = new SiteLedger();
        goris.advanceTo(T0, id -> Need.NONE, NO_MODEL);
        goris.arrive(100, new double[] {10, 4, 2, 6, 20}, T0, true);

        goris.leave(50, T0);

        assertThat(goris.vulnerable).containsExactly(new double[] {5, 2, 1, 3, 10}, within(1e-9));
    }

    private static SiteLedger ledgerWith(int people, double water) {
        SiteLedger ledger = new SiteLedger();
        ledger.advanceTo(T0, id -> WATER, NO_MODEL);
        ledger.arrive(people, new double[VulnerableCounts.KINDS], T0, true);
        ledger.stock("water").count(water, T0, T0);
        return ledger;
    }
}
