package org.flowwatch.streams.sites.ledger;

import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;

/**
 * When a site's stock of one item runs out: the stock is used by the people there, whose number changes with the
 * arrivals expected (a trend) and the departures expected (the transit model's rate per person, or the recent
 * reported rate), and is topped up by the deliveries expected. Stepped in quarter hours; within a step the
 * population changes linearly, so the moment of run-out inside it is the root of a quadratic (exact for a linear
 * population: 30,000 L for 1,000 people at 15 L a day with 100 more people an hour lasts 22.56 h). Pure.
 *
 * @param leavingPerHour share of the people present who leave per hour (transit model), or 0
 * @param departuresPerHour people reported leaving per hour, when no model applies
 */
public record RunOutProjection(Need need, double population, ArrivalTrend arrivals, double leavingPerHour,
                               double departuresPerHour, List<Delivery> deliveries, double horizonHours) {

    private static final double STEP_HOURS = 0.25;

    /** {@code quantity} expected {@code hoursAhead} from now (0 = any moment). */
    public record Delivery(double hoursAhead, double quantity) {
    }

    public RunOutProjection {
        deliveries = deliveries.stream().sorted(Comparator.comparingDouble(Delivery::hoursAhead)).toList();
    }

    /** Hours from now until {@code stock} runs out, or empty if it lasts beyond the horizon. */
    public OptionalDouble hoursUntilEmpty(double stock) {
        double left = stock;
        double people = population;
        double t = 0;
        int next = 0;
        while (next < deliveries.size() && deliveries.get(next).hoursAhead() <= 0) {
            left += deliveries.get(next++).quantity();
        }
        if (left <= 0 && need.perDay(people) > 0) {
            return OptionalDouble.of(0);
        }
        while (t < horizonHours) {
            double end = Math.min(t + STEP_HOURS, horizonHours);
            if (next < deliveries.size()) {
                end = Math.min(end, deliveries.get(next).hoursAhead());
            }
            double dt = end - t;
            double peopleAfter = peopleAfter(people, t, dt);
            double used = need.use((people + peopleAfter) / 2 * dt, dt);
            if (used >= left && used > 0) {
                return OptionalDouble.of(t + withinStep(left, people, peopleAfter, dt));
            }
            left -= used;
            people = peopleAfter;
            t = end;
            while (next < deliveries.size() && deliveries.get(next).hoursAhead() <= t) {
                left += deliveries.get(next++).quantity();
            }
        }
        return OptionalDouble.empty();
    }

    /** The same projection with arrivals {@code factor} times the trend (for the low and high ends of the band). */
    public RunOutProjection withArrivalsTimes(double factor) {
        return new RunOutProjection(need, population, arrivals.times(factor), leavingPerHour, departuresPerHour,
                deliveries, horizonHours);
    }

    private double peopleAfter(double people, double t, double dt) {
        double arriving = arrivals.perHourAt(t + dt / 2);
        if (leavingPerHour > 0) {
            double stayed = Math.exp(-leavingPerHour * dt);
            return people * stayed + arriving / leavingPerHour * (1 - stayed);
        }
        return Math.max(0, people + (arriving - departuresPerHour) * dt);
    }

    // Use within a step with population p0 + (p1 - p0) x / dt: a x^2 + b x = left, x in (0, dt].
    private double withinStep(double left, double p0, double p1, double dt) {
        double a = need.perPersonPerDay() / 24 * (p1 - p0) / (2 * dt);
        double b = need.perDay(p0) / 24;
        if (Math.abs(a) < 1e-12) {
            return b <= 0 ? dt : Math.min(dt, left / b);
        }
        double root = (-b + Math.sqrt(Math.max(0, b * b + 4 * a * left))) / (2 * a);
        return Math.max(0, Math.min(dt, root));
    }
}
