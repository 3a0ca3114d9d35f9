package org.flowwatch.streams.arrivals.topology;

import org.flowwatch.schemas.avro.Granularity;

/** Names of the arrivals app's stores, in one place. Renaming one loses its state: it needs an application reset. */
public final class StoreNames {

    /** The sites reference data (a table over the sites topic): posts, regions, listed places. */
    public static final String SITES = "sites-store";
    /** The eventIds seen within the dedupe horizon, each with its latest revision (to retract it when corrected). */
    public static final String SEEN = "crossing-ids-store";

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
