package org.flowwatch.consumers.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/** {@code flowwatch export --what sites}: the people and the people with specific needs at each site, as now. */
public final class SitesExport {

    private SitesExport() {
    }

    /** Returns the number of rows written. */
    public static int run(ExportSettings settings, FlowwatchSerdes serdes, Writer out) throws IOException {
        Map<String, SiteStatus> statuses = CompactedSnapshot.read(settings.kafka(), serdes, Topics.SITE_STATUS, settings.readTimeout());
        Map<String, Site> sites = CompactedSnapshot.read(settings.kafka(), serdes, Topics.SITES, settings.readTimeout());
        List<ExportRow> rows = SiteRows.of(statuses.values(), sites, settings.zone());
        ArrivalsExport.write(rows, HdxExport.Layout.SITES, settings, out);
        return rows.size();
    }
}
