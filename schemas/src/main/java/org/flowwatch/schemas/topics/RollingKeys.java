package org.flowwatch.schemas.topics;

import java.util.Locale;
import org.flowwatch.schemas.avro.RollingCount;

/**
 * Keys of the rolling counts topic, e.g. {@code post/kornidzor/ARRIVAL/PT1H}: one key per scope, direction and
 * period, so the compacted topic keeps the latest figure of each.
 */
public final class RollingKeys {

    private RollingKeys() {
    }

    public static String of(RollingCount count) {
        return count.getScope().name().toLowerCase(Locale.ROOT) + "/" + count.getScopeId() + "/" + count.getDirection()
                + "/" + count.getPeriod();
    }
}
