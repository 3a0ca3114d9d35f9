package org.flowwatch.streams.arrivals.topology;

import java.time.Duration;
import java.time.ZoneId;
import org.flowwatch.streams.arrivals.validation.ValidationRules;

/**
 * What the arrivals topology needs to know about the operation (settings {@code crossings.*}, {@code arrivals.*},
 * {@code operation.time.zone}).
 *
 * @param validation     limits of a valid crossing or heartbeat
 * @param dedupeHorizon  how long an eventId is remembered; at least {@code validation.maxAge()}, so nothing old enough
 *                       to be forgotten is ever counted
 * @param hourlyGrace    how long after its hour a late crossing still changes the hourly count
 * @param dailyGrace     the same for the daily count
 * @param zone           the operation's time zone: daily windows run from local midnight to local midnight
 * @param retention      how long closed windows stay queryable over HTTP
 */
public record ArrivalsSettings(ValidationRules validation, Duration dedupeHorizon, Duration hourlyGrace,
                               Duration dailyGrace, ZoneId zone, Duration retention) {

    public ArrivalsSettings {
        if (validation.maxAge().compareTo(dedupeHorizon) > 0) {
            throw new IllegalArgumentException("crossings.max.age (" + validation.maxAge()
                    + ") must not exceed crossings.dedupe.horizon (" + dedupeHorizon + "): an older resend would be counted twice");
        }
    }

    /** The 2023 operation's defaults, as in {@code common.properties} and {@code streams.properties}. */
    public static ArrivalsSettings defaults() {
        return new ArrivalsSettings(new ValidationRules(200, Duration.ofMinutes(5), Duration.ofDays(7)), Duration.ofDays(7),
                Duration.ofHours(6), Duration.ofHours(48), ZoneId.of("Asia/Yerevan"), Duration.ofDays(30));
    }
}
