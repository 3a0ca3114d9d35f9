package org.flowwatch.streams.arrivals.topology;

import org.flowwatch.schemas.avro.Granularity;

/** Names of the queryable count stores. Renaming one loses its state: it needs an application reset. */
public final class StoreNames {

    public static final String HOURLY = "arrivals-hourly-store";
    public static final String DAILY = "arrivals-daily-store";
    public static final String ROLLING_1H = "arrivals-rolling-1h-store";
    public static final String ROLLING_24H = "arrivals-rolling-24h-store";

    private StoreNames() {
    }

    public static String of(Granularity granularity) {
        return granularity == Granularity.HOUR ? HOURLY : DAILY;
    }
}
