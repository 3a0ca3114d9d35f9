package org.flowwatch.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.CountScope;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.topics.ArrivalKeys;

/** What the fault tests read back from the output topics to compare with what was sent. */
final class DailyArrivals {

    private DailyArrivals() {
    }

    /** People arriving in the operation's daily counts: the latest revision of each day, summed. */
    static long allScope(List<ArrivalCount> revisions) {
        Map<String, ArrivalCount> days = new HashMap<>();
        revisions.forEach(count -> days.put(ArrivalKeys.of(count), count));
        return days.values().stream()
                .filter(count -> count.getScope() == CountScope.ALL && count.getDirection() == Direction.ARRIVAL)
                .mapToLong(ArrivalCount::getPeople).sum();
    }

    static Set<UUID> distinct(List<CrossingEvent> crossings) {
        Set<UUID> ids = new HashSet<>();
        crossings.forEach(crossing -> ids.add(crossing.getEventId()));
        return ids;
    }
}
