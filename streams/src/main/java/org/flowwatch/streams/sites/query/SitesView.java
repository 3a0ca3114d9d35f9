package org.flowwatch.streams.sites.query;

import java.util.List;
import java.util.Optional;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.avro.SiteStatus;

/** What the query API reads: the current site statuses and open alerts (from the app's state stores). */
public interface SitesView {

    List<SiteStatus> sites();

    Optional<SiteStatus> site(String siteId);

    List<Alert> openAlerts();
}
