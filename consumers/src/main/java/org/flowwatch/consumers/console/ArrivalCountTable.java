package org.flowwatch.consumers.console;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.topics.ArrivalKeys;

/**
 * Prints hourly counts for a terminal: one row per window whose figures changed, hours in the operation's local
 * time, and the cumulative people through that hour. Only arrivals per post are shown: the same people are
 * also in the region and operation-wide counts, and adding those too would count them three times.
 */
public final class ArrivalCountTable {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final String ROW = "%-19s %-12s %8s %7s %8s  %-11s %10s%n";

    private final PrintWriter out;
    private final ZoneId zone;
    private final Map<String, ArrivalCount> latestByWindow = new TreeMap<>();
    private boolean headerPrinted;

    public ArrivalCountTable(PrintWriter out, ZoneId zone) {
        this.out = out;
        this.zone = zone;
    }

    public synchronized void show(List<ArrivalCount> updates) {
        if (!headerPrinted) {
            out.printf(ROW, "hour (" + zone.getId() + ")", "post", "people", "groups", "vehicles", "status", "cumulative");
            headerPrinted = true;
        }
        Map<String, ArrivalCount> changed = new TreeMap<>();
        updates.stream().filter(ArrivalCountTable::isPostArrival).forEach(count -> {
            if (!count.equals(latestByWindow.put(ArrivalKeys.of(count), count))) {
                changed.put(ArrivalKeys.of(count), count); // only a window's latest revision in this batch
            }
        });
        changed.values().stream().sorted(Comparator.comparing(ArrivalCount::getWindowStart)).forEach(this::printRow);
        out.flush();
        notifyAll();
    }

    /** Waits until the windows shown add up to {@code people}; false if they do not within {@code timeout}. */
    public synchronized boolean awaitTotal(long people, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long left;
        while (totalPeople() != people && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return totalPeople() == people;
    }

    public synchronized long totalPeople() {
        return latestByWindow.values().stream().mapToLong(ArrivalCount::getPeople).sum();
    }

    private static boolean isPostArrival(ArrivalCount count) {
        return count.getScope() == CountScope.POST && count.getDirection() == Direction.ARRIVAL;
    }

    private void printRow(ArrivalCount count) {
        out.printf(ROW, HOUR.format(count.getWindowStart().atZone(zone)), count.getScopeId(), count.getPeople(),
                count.getGroups(), count.getVehicles(), count.getStatus().name().toLowerCase(), peopleThrough(count));
    }

    /** Cumulative people in every window up to and including this one's hour: the arrivals curve so far. */
    private long peopleThrough(ArrivalCount count) {
        return latestByWindow.values().stream()
                .filter(other -> !other.getWindowStart().isAfter(count.getWindowStart()))
                .mapToLong(ArrivalCount::getPeople).sum();
    }
}
