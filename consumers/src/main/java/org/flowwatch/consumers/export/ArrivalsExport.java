package org.flowwatch.consumers.export;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import org.flowwatch.schemas.avro.ArrivalCount;
import org.flowwatch.schemas.avro.Granularity;
import org.flowwatch.schemas.avro.LateCrossing;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * The export as a whole: read the counts of the asked granularity, the late crossings and the sites as they are
 * now, build rows, suppress if public, write.
 */
public final class ArrivalsExport {

    private ArrivalsExport() {
    }

    /** Returns the number of rows written. */
    public static int run(ExportSettings settings, FlowwatchSerdes serdes, Writer out) throws IOException {
        Map<String, ArrivalCount> counts = CompactedSnapshot.read(settings.kafka(), serdes, countsTopic(settings), settings.readTimeout());
        if (counts.isEmpty() && settings.granularity() == Granularity.DAY) {
            counts = CompactedSnapshot.read(settings.kafka(), serdes, Topics.ARRIVALS_HOURLY, settings.readTimeout()); // no daily counts yet: rolled up
        }
        List<LateCrossing> late = LateCrossings.read(settings.kafka(), serdes, settings.readTimeout());
        Map<String, Site> sites = CompactedSnapshot.read(settings.kafka(), serdes, Topics.SITES, settings.readTimeout());
        List<ExportRow> rows = ExportRows.of(counts.values(), late, sites, settings.granularity(), settings.directions(), settings.zone());
        write(rows, HdxExport.Layout.ARRIVALS, settings, out);
        return rows.size();
    }

    /** Days from the daily topic (latest revision per window, 48 h grace), hours from the hourly one. */
    private static TopicSpec<String, ArrivalCount> countsTopic(ExportSettings settings) {
        return settings.granularity() == Granularity.DAY ? Topics.ARRIVALS_DAILY : Topics.ARRIVALS_HOURLY;
    }

    /** Suppresses small cells if the export is public, then writes in the asked format (sites exports too). */
    static void write(List<ExportRow> rows, HdxExport.Layout layout, ExportSettings settings, Writer out) throws IOException {
        List<ExportRow> shown = settings.publicThreshold().isPresent()
                ? SmallCellSuppression.apply(rows, settings.publicThreshold().getAsInt()) : rows;
        if (settings.format().equals("json")) {
            HdxExport.writeJson(shown, layout, settings.publicThreshold(), out);
        } else {
            HdxExport.writeCsv(shown, layout, out);
        }
    }
}
