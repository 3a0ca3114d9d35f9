package org.flowwatch.streams.arrivals.topology;

import org.flowwatch.schemas.avro.Granularity;

/** Names of the queryable count stores. Renaming one loses its state: it needs an application reset. */
public final class StoreNames {

    public static final String HOURLY = "arrivals-hourly-store";
    public static final String DAILY = "arrivals-daily-store";
    /** Both rolling periods of each key, one value (every crossing moves both). */
    public static final String ROLLING = "arrivals-rolling-store";

    private StoreNames() {
    }

    public static String of(Granularity granularity) {
        return granularity == Granularity.HOUR ? HOURLY : DAILY;
    }
}
