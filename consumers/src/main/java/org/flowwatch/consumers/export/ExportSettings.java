package org.flowwatch.consumers.export;

import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.RegistrySettings;

/**
 * The typed settings of {@code flowwatch export}. {@code publicThreshold} is empty for an internal export; a sites
 * export ignores granularity and direction.
 */
public record ExportSettings(Map<String, Object> kafka, RegistrySettings registry, What what, Granularity granularity,
                             Set<Direction> directions, String format, OptionalInt publicThreshold, ZoneId zone,
                             Duration readTimeout) {

    public static final String DEFAULTS = "flowwatch/defaults/export.properties";

    /** What is exported: arrivals per region and post over time, or the sites as they are now. */
    public enum What { ARRIVALS, SITES }

    public static ExportSettings from(Settings settings) {
        What what = switch (settings.string("export.what").toLowerCase(Locale.ROOT)) {
            case "arrivals" -> What.ARRIVALS;
            case "sites" -> What.SITES;
            default -> throw invalid(settings, "export.what", "arrivals or sites");
        };
        Granularity granularity = switch (settings.string("export.granularity").toLowerCase(Locale.ROOT)) {
            case "hour", "hourly" -> Granularity.HOUR;
            case "day", "daily" -> Granularity.DAY;
            default -> throw invalid(settings, "export.granularity", "hour or day");
        };
        Set<Direction> directions = switch (settings.string("export.direction").toLowerCase(Locale.ROOT)) {
            case "arrival", "arrivals" -> EnumSet.of(Direction.ARRIVAL);
            case "departure", "departures" -> EnumSet.of(Direction.DEPARTURE);
            case "both" -> EnumSet.allOf(Direction.class);
            default -> throw invalid(settings, "export.direction", "arrival, departure or both");
        };
        String format = settings.string("export.format").toLowerCase(Locale.ROOT);
        if (!format.equals("csv") && !format.equals("json")) {
            throw invalid(settings, "export.format", "csv or json");
        }
        int threshold = settings.integer("export.public.threshold");
        if (threshold < 1) {
            throw invalid(settings, "export.public.threshold", "1 or more");
        }
        return new ExportSettings(CommonSettings.kafkaClient(settings), CommonSettings.registry(settings), what, granularity,
                directions, format, settings.bool("export.public") ? OptionalInt.of(threshold) : OptionalInt.empty(),
                ZoneId.of(settings.string("export.time.zone")), settings.duration("export.read.timeout"));
    }

    private static ConfigException invalid(Settings settings, String key, String expected) {
        return new ConfigException("setting '" + key + "' must be " + expected + " (from " + settings.layer(key) + ")");
    }
}
