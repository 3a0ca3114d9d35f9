package org.flowwatch.producers.sites;

import java.time.Instant;
import java.util.UUID;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import org.flowwatch.schemas.privacy.ReferenceText;

/**
 * A change to a site's stock as an operator reports it: a delivery (confirming a convoy when it names one), a
 * distribution over a period, a stock count, a convoy announcement with its ETA. Checked before publishing, as the
 * sites app refuses a negative quantity and a convoy due before it was announced. Field names are the contract's.
 *
 * @param periodStart a distribution's start of period; null = since the item's previous report at the site
 * @param convoyId    names an announced convoy (never a driver or a plate); required to announce one
 * @param expectedAt  the ETA of an announced convoy
 */
public record SupplyReport(String kind, String siteId, String item, double quantity, String unit, Instant occurredAt,
                           Instant periodStart, String convoyId, Instant expectedAt) {

    /** The supply event, or a {@link FieldException} naming the first field that is missing or wrong. */
    public SupplyEvent toSupply(UUID eventId, Instant recordedAt) {
        SupplyKind supplyKind = Choices.of(SupplyKind.class, "kind", kind);
        for (String[] field : new String[][] {{"siteId", siteId}, {"item", item}, {"unit", unit}}) {
            if (MovementReport.blank(field[1])) {
                throw new FieldException(field[0], "required");
            }
        }
        if (!(quantity >= 0) || Double.isInfinite(quantity)) {
            throw new FieldException("quantity", "must be 0 or more, got " + quantity);
        }
        checkPeriod(supplyKind);
        checkConvoy(supplyKind);
        return SupplyEvent.newBuilder().setEventId(eventId).setSiteId(siteId.trim()).setItem(item.trim()).setKind(supplyKind)
                .setQuantity(quantity).setUnit(unit.trim()).setOccurredAt(occurredAt).setRecordedAt(recordedAt)
                .setPeriodStart(periodStart).setConvoyId(MovementReport.blank(convoyId) ? null : convoyId.trim())
                .setExpectedAt(expectedAt).setSource(supplyKind == SupplyKind.STOCK_COUNT ? "stock count" : null).build();
    }

    private void checkPeriod(SupplyKind supplyKind) {
        if (periodStart == null) {
            return;
        }
        if (supplyKind != SupplyKind.DISTRIBUTION) {
            throw new FieldException("periodStart", "only a distribution covers a period");
        }
        if (!periodStart.isBefore(occurredAt)) {
            throw new FieldException("periodStart", "must be before the distribution's time " + occurredAt);
        }
    }

    private void checkConvoy(SupplyKind supplyKind) {
        boolean announcing = supplyKind == SupplyKind.CONVOY_ANNOUNCED;
        if (!MovementReport.blank(convoyId) && !announcing && supplyKind != SupplyKind.DELIVERY) {
            throw new FieldException("convoyId", "only a convoy announcement or the delivery that confirms it names a convoy");
        }
        if (!MovementReport.blank(convoyId) && !ReferenceText.isReference(convoyId.trim())) {
            throw new FieldException("convoyId", "must be the convoy's reference (" + ReferenceText.RULE
                    + "), never a driver's name, a phone or a plate");
        }
        if (announcing && MovementReport.blank(convoyId)) {
            throw new FieldException("convoyId", "required to announce a convoy, so that its delivery can confirm it");
        }
        if (announcing && expectedAt == null) {
            throw new FieldException("expectedAt", "required to announce a convoy: when it is due at the site");
        }
        if (!announcing && expectedAt != null) {
            throw new FieldException("expectedAt", "only a convoy announcement has an ETA");
        }
        if (announcing && expectedAt.isBefore(occurredAt)) {
            throw new FieldException("expectedAt", "the ETA " + expectedAt + " is before the announcement " + occurredAt);
        }
    }
}
