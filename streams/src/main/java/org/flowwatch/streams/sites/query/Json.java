package org.flowwatch.streams.sites.query;

import java.util.LinkedHashMap;
import java.util.Map;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.ItemStatus;
import org.flowwatch.schemas.avro.SiteStatus;

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
        return json;
    }
}
