package org.flowwatch.streams.sites;

import java.time.Duration;
import java.util.List;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;

/**
 * Whether a fresh status is worth publishing. Estimates change with every tick of the clock, so a status moved on by
 * time alone is published every {@code refresh} of operation time, not every few seconds; one changed by an input,
 * or in what it is made of (an item defined or reported, a capacity, a convoy overdue), is published at once.
 */
final class StatusChange {

    private StatusChange() {
    }

    static boolean worthPublishing(SiteStatus before, SiteStatus fresh, boolean changedByInput, Duration refresh) {
        boolean same = SiteStatus.newBuilder(fresh).setUpdatedAt(before.getUpdatedAt()).build().equals(before);
        if (!same && (changedByInput || !shape(before).equals(shape(fresh)))) {
            return true;
        }
        // Even an unchanged status is published again now and then: it says "as of now", and the alerts judged on
        // it (how long a site has gone unreported) move on with the clock.
        return !fresh.getUpdatedAt().isBefore(before.getUpdatedAt().plus(refresh));
    }

    private static List<Object> shape(SiteStatus status) {
        return List.of(status.getName(), status.getAdm1Code(), String.valueOf(status.getCapacityPeople()),
                status.getPopulationEstimated(), String.valueOf(status.getHeldSince()),
                status.getItems().stream().map(StatusChange::shape).toList());
    }

    private static List<Object> shape(ItemStatus item) {
        return List.of(item.getItemId(), item.getUnit(), item.getBasis(), item.getMinimumPerPerson(), item.getReported(),
                String.valueOf(item.getOverdrawnAt()), item.getRunsOutAt() == null,
                item.getExpectedDeliveries().stream().map(delivery -> delivery.getConvoyId() + ":" + delivery.getCounted()).toList());
    }
}
