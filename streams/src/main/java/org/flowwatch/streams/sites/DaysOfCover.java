package org.flowwatch.streams.sites;

import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.NeedBasis;

/**
 * How long a site's stock of one item lasts: days of cover = stock / (population x need per person per day + the
 * site's own need per day). Shelter and toilets are not used up but shared: for those the status gives the stock
 * per person, to compare with the Sphere minimum. Pure.
 */
public final class DaysOfCover {

    private DaysOfCover() {
    }

    public static ItemStatus of(Item item, double stock, long population) {
        return builder(item, stock, population).build();
    }

    /** The status of the item with stock and cover filled in, to add the estimate's and projection's fields to. */
    public static ItemStatus.Builder builder(Item item, double stock, long population) {
        ItemStatus.Builder status = ItemStatus.newBuilder()
                .setItemId(item.getItemId()).setUnit(item.getUnit()).setBasis(item.getBasis())
                .setStock(stock).setMinimumPerPerson(item.getPerPersonPerDay())
                .setNeedPerDay(null).setDaysOfCover(null).setPerPerson(null);
        if (item.getBasis() == NeedBasis.CAPACITY) {
            return status.setPerPerson(population > 0 ? stock / population : null);
        }
        double needPerDay = population * item.getPerPersonPerDay() + item.getPerSitePerDay();
        return status.setNeedPerDay(needPerDay).setDaysOfCover(needPerDay > 0 ? stock / needPerDay : null);
    }

    /** The reading thresholds apply to: days of cover, or the share of the minimum per person; null if nothing is needed. */
    public static Double coverReading(ItemStatus item) {
        if (item.getBasis() == NeedBasis.CAPACITY) {
            return item.getPerPerson() == null || item.getMinimumPerPerson() <= 0 ? null
                    : item.getPerPerson() / item.getMinimumPerPerson();
        }
        return item.getDaysOfCover();
    }
}
