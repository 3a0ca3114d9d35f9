package org.flowwatch.consumers.export;

import java.time.ZoneId;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
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
import org.flowwatch.schemas.avro.Site;

/**
 * Turns the latest counts into export rows: the asked granularity (days rolled up from hours when no daily
 * counts exist), the asked directions, places named from the sites reference data, sorted by date then place.
 */
public final class ExportRows {

    private ExportRows() {
    }

    public static List<ExportRow> of(Collection<ArrivalCount> counts, Map<String, Site> sites, Granularity granularity,
                                     Set<Direction> directions, ZoneId zone) {
        List<ArrivalCount> chosen = counts.stream().filter(count -> directions.contains(count.getDirection())).toList();
        List<ArrivalCount> windows = chosen.stream().filter(count -> count.getGranularity() == granularity).toList();
        if (windows.isEmpty() && granularity == Granularity.DAY) {
            windows = DailyRollup.of(chosen, zone);
        }
        return windows.stream()
                .sorted(Comparator.comparing(ArrivalCount::getWindowStart).thenComparing(ArrivalCount::getScope)
                        .thenComparing(ArrivalCount::getScopeId).thenComparing(ArrivalCount::getDirection))
                .map(count -> row(count, sites, zone)).toList();
    }

    private static ExportRow row(ArrivalCount count, Map<String, Site> sites, ZoneId zone) {
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
                counts(count), Set.of());
    }

    private static Map<Column, Long> counts(ArrivalCount count) {
        Map<Column, Long> counts = new EnumMap<>(Column.class);
        counts.put(Column.PEOPLE, count.getPeople());
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
