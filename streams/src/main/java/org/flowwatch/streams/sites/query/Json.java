package org.flowwatch.streams.sites.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.ExpectedDelivery;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.avro.VulnerablePeople;

/** Avro records as plain JSON maps (Jackson cannot serialise Avro's generated classes, which expose their schema). */
final class Json {

    private Json() {
    }

    static Map<String, Object> site(SiteStatus status) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("siteId", status.getSiteId());
        json.put("name", status.getName());
        json.put("region", status.getAdm1Code());
        json.put("population", status.getPopulation());
        json.put("populationEstimated", status.getPopulationEstimated());
        json.put("estimatedDepartures", status.getEstimatedDepartures());
        json.put("arrivalsPerHour", status.getArrivalsPerHour());
        json.put("departuresPerHour", status.getDeparturesPerHour());
        json.put("heldSince", text(status.getHeldSince()));
        json.put("vulnerable", vulnerable(status.getVulnerable()));
        json.put("capacityPeople", status.getCapacityPeople());
        json.put("items", status.getItems().stream().map(Json::item).toList());
        json.put("updatedAt", status.getUpdatedAt().toString());
        return json;
    }

    static Map<String, Object> alert(Alert alert) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("alertId", alert.getAlertId());
        json.put("version", alert.getVersion());
        json.put("kind", alert.getKind().name());
        json.put("severity", alert.getSeverity().name());
        json.put("state", alert.getState().name());
        json.put("startsAt", alert.getStartsAt().toString());
        json.put("updatedAt", alert.getUpdatedAt().toString());
        json.put("labels", alert.getLabels());
        json.put("evidence", alert.getEvidence());
        json.put("summary", alert.getSummary());
        return json;
    }

    private static Map<String, Object> item(ItemStatus item) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("itemId", item.getItemId());
        json.put("unit", item.getUnit());
        json.put("basis", item.getBasis().name());
        json.put("stock", item.getStock());
        json.put("needPerDay", item.getNeedPerDay());
        json.put("daysOfCover", item.getDaysOfCover());
        json.put("perPerson", item.getPerPerson());
        json.put("minimumPerPerson", item.getMinimumPerPerson());
        json.put("reported", item.getReported());
        json.put("estimated", item.getEstimated());
        json.put("countedStock", item.getCountedStock());
        json.put("countedAt", text(item.getCountedAt()));
        json.put("overdrawnAt", text(item.getOverdrawnAt()));
        json.put("runsOutAt", text(item.getRunsOutAt()));
        json.put("runsOutEarliest", text(item.getRunsOutEarliest()));
        json.put("runsOutLatest", text(item.getRunsOutLatest()));
        json.put("hoursToRunOut", item.getHoursToRunOut());
        json.put("expectedDeliveries", item.getExpectedDeliveries().stream().map(Json::delivery).toList());
        return json;
    }

    private static Map<String, Object> delivery(ExpectedDelivery delivery) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("convoyId", delivery.getConvoyId());
        json.put("quantity", delivery.getQuantity());
        json.put("expectedAt", delivery.getExpectedAt().toString());
        json.put("counted", delivery.getCounted());
        return json;
    }

    private static Map<String, Object> vulnerable(VulnerablePeople people) {
        if (people == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("unaccompaniedChildren", people.getUnaccompaniedChildren());
        json.put("disabled", people.getDisabled());
        json.put("needsMedicalCare", people.getNeedsMedicalCare());
        json.put("pregnant", people.getPregnant());
        json.put("over60", people.getOver60());
        return json;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
