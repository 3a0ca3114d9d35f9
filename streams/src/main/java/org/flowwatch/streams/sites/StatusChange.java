package org.flowwatch.streams.sites;

import java.time.Duration;
import java.util.List;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.serde.SameRecord;

/**
 * Whether a fresh status is worth publishing. Estimates change with every tick of the clock, so a status moved on by
 * time alone is published every {@code refresh} of operation time, not every few seconds; one changed by an input,
 * or by the reference data (an item defined or its need changed, a capacity), is published at once.
 */
final class StatusChange {

    private StatusChange() {
    }

    static boolean worthPublishing(SiteStatus before, SiteStatus fresh, boolean changedByInput, Duration refresh) {
        if (changedByInput && before.getPopulation() != fresh.getPopulation()) {
            return true; // what almost every crossing does: no need to compare the two statuses whole (two Avro encodes)
        }
        boolean same = SameRecord.same(SiteStatus.newBuilder(fresh).setUpdatedAt(before.getUpdatedAt()).build(), before);
        if (!same && (changedByInput || referenceChanged(before, fresh))) {
            return true;
        }
        return isDue(before, fresh.getUpdatedAt().toEpochMilli(), refresh);
    }

    /**
     * Even an unchanged status is published again every {@code refresh} of operation time: it says "as of now", and
     * the alerts judged on it (a run-out drawing near, a site long unreported) move on with the clock.
     */
    static boolean isDue(SiteStatus before, long now, Duration refresh) {
        return now >= before.getUpdatedAt().toEpochMilli() + refresh.toMillis();
    }

    /** A change made at run time to the reference data (a site, an item's need): shown at once. */
    static boolean referenceChanged(SiteStatus before, SiteStatus fresh) {
        return !shape(before).equals(shape(fresh));
    }

    private static List<Object> shape(SiteStatus status) {
        return List.of(status.getName(), status.getAdm1Code(), String.valueOf(status.getCapacityPeople()),
                status.getItems().stream().map(StatusChange::shape).toList());
    }

    private static List<Object> shape(ItemStatus item) {
        return List.of(item.getItemId(), item.getUnit(), item.getBasis(), item.getMinimumPerPerson(), item.getReported());
    }
}
