package org.flowwatch.consumers.export;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.CountStatus;
import org.flowwatch.schemas.avro.Granularity;

/**
 * Days from hours, in the operation's time zone: people, groups, vehicles and the sex and age breakdown summed;
 * a day is FINAL only when every hour in it is. Used only while the daily topic holds nothing (the export reads
 * the arrivals app's own daily counts, 48 h grace, when they exist).
 */
public final class DailyRollup {

    private DailyRollup() {
    }

    public static List<ArrivalCount> of(Collection<ArrivalCount> hourly, ZoneId zone) {
        Map<String, ArrivalCount> days = new LinkedHashMap<>();
        hourly.stream().filter(count -> count.getGranularity() == Granularity.HOUR).forEach(hour -> {
            LocalDate date = hour.getWindowStart().atZone(zone).toLocalDate();
            String key = hour.getScope() + "/" + hour.getScopeId() + "/" + hour.getDirection() + "/" + date;
            days.merge(key, asDay(hour, date, zone), DailyRollup::sum);
        });
        return new ArrayList<>(days.values());
    }

    private static ArrivalCount asDay(ArrivalCount hour, LocalDate date, ZoneId zone) {
        return ArrivalCount.newBuilder(hour).setGranularity(Granularity.DAY)
                .setWindowStart(date.atStartOfDay(zone).toInstant())
                .setWindowEnd(date.plusDays(1).atStartOfDay(zone).toInstant())
                .build();
    }

    /** Two counts of one window as one: people, groups, vehicles and breakdown summed; FINAL only when both are. */
    static ArrivalCount sum(ArrivalCount a, ArrivalCount b) {
        return ArrivalCount.newBuilder(a)
                .setPeople(a.getPeople() + b.getPeople())
                .setGroups(a.getGroups() + b.getGroups())
                .setVehicles(a.getVehicles() + b.getVehicles())
                .setFemale(sum(a.getFemale(), b.getFemale()))
                .setMale(sum(a.getMale(), b.getMale()))
                .setVulnerabilities(null)
                .setStatus(a.getStatus() == CountStatus.FINAL && b.getStatus() == CountStatus.FINAL ? CountStatus.FINAL : CountStatus.PROVISIONAL)
                .setUpdatedAt(a.getUpdatedAt().isAfter(b.getUpdatedAt()) ? a.getUpdatedAt() : b.getUpdatedAt())
                .build();
    }

    private static BandTotals sum(BandTotals a, BandTotals b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return new BandTotals(a.getAge0to4() + b.getAge0to4(), a.getAge5to11() + b.getAge5to11(),
                a.getAge12to17() + b.getAge12to17(), a.getAge18to59() + b.getAge18to59(), a.getAge60plus() + b.getAge60plus());
    }
}
