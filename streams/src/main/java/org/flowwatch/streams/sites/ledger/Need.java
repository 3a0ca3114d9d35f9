package org.flowwatch.streams.sites.ledger;

/** What a site uses of one item per day: per person, and for the site itself (a generator's fuel). */
public record Need(double perPersonPerDay, double perSitePerDay) {

    public static final Need NONE = new Need(0, 0);

    /** Use over {@code hours} by {@code personHours} of presence. */
    public double use(double personHours, double hours) {
        return (perPersonPerDay * personHours + perSitePerDay * hours) / 24;
    }

    public double perDay(double population) {
        return population * perPersonPerDay + perSitePerDay;
    }
}
