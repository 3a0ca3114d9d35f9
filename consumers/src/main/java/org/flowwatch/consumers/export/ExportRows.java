package org.flowwatch.consumers.export;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.BandTotals;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.topics.ArrivalKeys;

/**
 * Turns the latest counts into export rows: the asked granularity (days rolled up from hours when no daily
 * counts exist), the asked directions, places named from the sites reference data, sorted by date then place.
 * The crossings that reached a window after its grace (the late topic) are added to it, and {@link Column#LATE}
 * says how many of its people came so: a window only late crossings reached still gets its row.
 */
public final class ExportRows {

    private ExportRows() {
    }

    public static List<ExportRow> of(Collection<ArrivalCount> counts, Map<String, Site> sites, Granularity granularity,
                                     Set<Direction> directions, ZoneId zone) {
        return of(counts, List.of(), sites, granularity, directions, zone);
    }

    public static List<ExportRow> of(Collection<ArrivalCount> counts, Collection<LateCrossing> late, Map<String, Site> sites,
                                     Granularity granularity, Set<Direction> directions, ZoneId zone) {
        List<ArrivalCount> chosen = counts.stream().filter(count -> directions.contains(count.getDirection())).toList();
        List<ArrivalCount> windows = chosen.stream().filter(count -> count.getGranularity() == granularity).toList();
        if (windows.isEmpty() && granularity == Granularity.DAY) {
            windows = DailyRollup.of(chosen, zone);
        }
        Map<String, ArrivalCount> lateByWindow = new HashMap<>(LateCrossings.tally(late, granularity));
        lateByWindow.values().removeIf(count -> !directions.contains(count.getDirection()));
        Map<String, ArrivalCount> all = new LinkedHashMap<>();
        windows.forEach(count -> all.put(ArrivalKeys.of(count), count));
        lateByWindow.forEach((key, count) -> all.merge(key, count, DailyRollup::sum));
        return all.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<String, ArrivalCount> e) -> e.getValue().getWindowStart())
                        .thenComparing(e -> e.getValue().getScope()).thenComparing(e -> e.getValue().getScopeId())
                        .thenComparing(e -> e.getValue().getDirection()))
                .map(e -> row(e.getValue(), latePeople(lateByWindow.get(e.getKey())), sites, zone)).toList();
    }

    private static long latePeople(ArrivalCount late) {
        return late == null ? 0 : late.getPeople();
    }

    private static ExportRow row(ArrivalCount count, long late, Map<String, Site> sites, ZoneId zone) {
        String date = count.getGranularity() == Granularity.DAY
                ? count.getWindowStart().atZone(zone).toLocalDate().toString()
                : count.getWindowStart().atZone(zone).toOffsetDateTime().toString();
        Optional<Site> post = count.getScope() == CountScope.POST ? Optional.ofNullable(sites.get(count.getScopeId())) : Optional.empty();
        String adm1Code = switch (count.getScope()) {
            case POST -> post.map(Site::getAdm1Code).orElse("");
            case REGION -> count.getScopeId();
            case ALL -> "";
        };
        String adm1Name = sites.values().stream().filter(site -> site.getAdm1Code().equals(adm1Code))
                .map(Site::getAdm1Name).findFirst().orElse("");
        String location = count.getScope() == CountScope.POST ? post.map(Site::getName).orElse(count.getScopeId()) : "";
        return new ExportRow(count.getScope().name().toLowerCase(Locale.ROOT), count.getScopeId(), date, adm1Code, adm1Name,
                location, count.getDirection().name().toLowerCase(Locale.ROOT), count.getStatus().name().toLowerCase(Locale.ROOT),
                counts(count, late), Set.of());
    }

    private static Map<Column, Long> counts(ArrivalCount count, long late) {
        Map<Column, Long> counts = new EnumMap<>(Column.class);
        counts.put(Column.PEOPLE, count.getPeople());
        counts.put(Column.LATE, late);
        BandTotals female = count.getFemale();
        BandTotals male = count.getMale();
        if (female == null && male == null) {
            return counts; // no breakdown observed: the columns stay empty, not zero
        }
        BandTotals f = female == null ? new BandTotals() : female;
        BandTotals m = male == null ? new BandTotals() : male;
        counts.put(Column.FEMALE, total(f));
        counts.put(Column.MALE, total(m));
        counts.put(Column.AGE_0_4, f.getAge0to4() + m.getAge0to4());
        counts.put(Column.AGE_5_11, f.getAge5to11() + m.getAge5to11());
        counts.put(Column.AGE_12_17, f.getAge12to17() + m.getAge12to17());
        counts.put(Column.AGE_18_59, f.getAge18to59() + m.getAge18to59());
        counts.put(Column.AGE_60_PLUS, f.getAge60plus() + m.getAge60plus());
        return counts;
    }

    private static long total(BandTotals bands) {
        return bands.getAge0to4() + bands.getAge5to11() + bands.getAge12to17() + bands.getAge18to59() + bands.getAge60plus();
    }
}
