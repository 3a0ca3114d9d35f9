package org.flowwatch.schemas.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A post's daily opening hours as the sites reference data gives them ({@code Site.openingHours}): {@code "06:00-18:00"}
 * in the operation's time zone, {@code "22:00-06:00"} for a post open overnight, {@code "00:00-24:00"} or null for
 * always. Pure: the one place that reads the text, and the arithmetic of how much of a stretch of time was open.
 *
 * @param closes before {@code opens} for a post open overnight, midnight for {@code 24:00}; equal to {@code opens}
 *     for always (as {@link #ALWAYS}: a whole day from opening)
 */
public record OpeningHours(LocalTime opens, LocalTime closes) {

    public static final OpeningHours ALWAYS = new OpeningHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);
    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{2}:\\d{2})\\s*-\\s*(\\d{2}:\\d{2})\\s*");

    /** Reads {@code "HH:mm-HH:mm"}; null or blank means always open. Throws IllegalArgumentException saying what is wrong. */
    public static OpeningHours parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        Matcher range = RANGE.matcher(text);
        if (!range.matches()) {
            throw new IllegalArgumentException("opening hours must be HH:mm-HH:mm (e.g. 06:00-18:00), got '" + text + "'");
        }
        LocalTime opens = time(range.group(1), text);
        boolean untilMidnight = range.group(2).equals("24:00");
        LocalTime closes = untilMidnight ? LocalTime.MIDNIGHT : time(range.group(2), text);
        if (opens.equals(LocalTime.MIDNIGHT) && untilMidnight) {
            return ALWAYS;
        }
        if (opens.equals(closes)) {
            throw new IllegalArgumentException("opening hours open and close at the same time, got '" + text
                    + "' (write 00:00-24:00 for always)");
        }
        return new OpeningHours(opens, closes);
    }

    private static LocalTime time(String hhmm, String text) {
        try {
            return LocalTime.parse(hhmm);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("opening hours must be HH:mm-HH:mm with hours 00-23 (24:00 only to close), got '"
                    + text + "'");
        }
    }

    public boolean isAlways() {
        return opens.equals(closes);
    }

    public boolean isOpenAt(Instant time, ZoneId zone) {
        return isAlways() || !openBetween(time, time.plusMillis(1), zone).isZero();
    }

    /** How much of [from, to) the post was open (local days in {@code zone}, daylight saving included). */
    public Duration openBetween(Instant from, Instant to, ZoneId zone) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        if (isAlways()) {
            return Duration.between(from, to);
        }
        Duration open = Duration.ZERO;
        LocalDate last = to.atZone(zone).toLocalDate();
        // The day before 'from' too: an overnight range that opened yesterday may still be open.
        for (LocalDate day = from.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            Instant start = day.atTime(opens).atZone(zone).toInstant();
            LocalDate closingDay = closes.isAfter(opens) ? day : day.plusDays(1);
            Instant end = closingDay.atTime(closes).atZone(zone).toInstant();
            Instant overlapStart = start.isAfter(from) ? start : from;
            Instant overlapEnd = end.isBefore(to) ? end : to;
            if (overlapEnd.isAfter(overlapStart)) {
                open = open.plus(Duration.between(overlapStart, overlapEnd));
            }
        }
        return open;
    }

    @Override
    public String toString() {
        return isAlways() ? "00:00-24:00" : opens + "-" + (closes.equals(LocalTime.MIDNIGHT) ? "24:00" : closes.toString());
    }
}
