package org.flowwatch.streams.sites.ledger;

/**
 * For a transit site that reports no departures: people move on at a constant rate per person, set by the site's
 * median stay (half the people who arrived together have left after it: exponential stay). It applies only while the
 * site has reported no departure for {@code quietAfterMs}: reported departures are the better figure.
 */
public record TransitModel(Double medianStayHours, long quietAfterMs) {

    public static TransitModel none() {
        return new TransitModel(null, 0);
    }

    /** Share of the people present who leave per hour at {@code at} (0 when the model does not apply). */
    public double rateAt(SiteLedger site, long at) {
        return appliesAt(site, at) ? Math.log(2) / medianStayHours : 0;
    }

    public boolean appliesAt(SiteLedger site, long at) {
        if (medianStayHours == null || medianStayHours <= 0) {
            return false;
        }
        Long reported = site.lastReportedDepartureAt;
        return reported == null || at >= reported + quietAfterMs;
    }

    /** The next time after {@code at} when the model starts to apply, or {@link Long#MAX_VALUE}. */
    long nextChange(SiteLedger site, long at) {
        Long reported = site.lastReportedDepartureAt;
        if (medianStayHours == null || reported == null || at >= reported + quietAfterMs) {
            return Long.MAX_VALUE;
        }
        return reported + quietAfterMs;
    }
}
