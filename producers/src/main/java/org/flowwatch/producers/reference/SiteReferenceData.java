package org.flowwatch.producers.reference;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;

/**
 * The sites of the 2023 scenario as {@link Site} records: places from armenia-2023-sites.csv, with the capacities
 * and reception sites of armenia-2023-site-scenario.csv (capacities are not reported anywhere: scenario choices).
 */
public final class SiteReferenceData {

    static final String SITES = "flowwatch/scenario/armenia-2023-sites.csv";
    static final String SCENARIO = "flowwatch/scenario/armenia-2023-site-scenario.csv";

    private SiteReferenceData() {
    }

    public static List<Site> scenario2023() {
        Map<String, Map<String, String>> scenario = ScenarioCsv.rows(SCENARIO).stream()
                .collect(Collectors.toMap(row -> row.get("site_id"), Function.identity()));
        return ScenarioCsv.rows(SITES).stream().map(row -> site(row, scenario.getOrDefault(row.get("site_id"), Map.of()))).toList();
    }

    /** The generator fuel each site burns a day, from the scenario file (0 where it has none). */
    public static Map<String, Double> fuelLitresPerDay() {
        return ScenarioCsv.rows(SCENARIO).stream().collect(Collectors.toMap(row -> row.get("site_id"),
                row -> row.get("fuel_litres_per_day").isEmpty() ? 0.0 : Double.parseDouble(row.get("fuel_litres_per_day"))));
    }

    private static Site site(Map<String, String> place, Map<String, String> scenario) {
        return Site.newBuilder()
                .setSiteId(place.get("site_id"))
                .setName(place.get("name"))
                .setKind(SiteKind.valueOf(place.get("kind").toUpperCase(Locale.ROOT)))
                .setAdm1Code(place.get("adm1_code"))
                .setAdm1Name(place.get("adm1_name"))
                .setLat(Double.parseDouble(place.get("lat")))
                .setLon(Double.parseDouble(place.get("lon")))
                .setCapacityPeople(blankToNull(scenario.get("capacity_people"), Integer::valueOf))
                .setReceptionSiteId(blankToNull(scenario.get("reception_site_id"), Function.identity()))
                .build();
    }

    private static <T> T blankToNull(String value, Function<String, T> parse) {
        return value == null || value.isEmpty() ? null : parse.apply(value);
    }
}
