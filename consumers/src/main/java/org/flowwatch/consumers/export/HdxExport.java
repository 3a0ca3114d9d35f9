package org.flowwatch.consumers.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * Writes export rows for HDX: CSV with a header row and an HXL hashtag row under it, or JSON with the same
 * columns and their hashtags. A suppressed cell is empty (HXL wants numbers in count columns) and named in the
 * {@code suppressed} column ({@code #meta+suppressed}).
 */
public final class HdxExport {

    private static final String[] HEADERS = {"date", "scope", "adm1_code", "adm1_name", "location", "location_code", "direction", "status"};
    private static final String[] HXL = {"#date", "#meta+scope", "#adm1+code", "#adm1+name", "#loc+name", "#loc+code", "#meta+direction", "#status"};
    private static final String SUPPRESSED_HEADER = "suppressed";
    private static final String SUPPRESSED_HXL = "#meta+suppressed";
    // Quote only where CSV needs it, so the hashtag row reads #date, not "#date".
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private HdxExport() {
    }

    /** The columns of an export: sites have no direction, and their own counts. */
    public enum Layout {
        ARRIVALS(true, Column.ARRIVALS),
        SITES(false, Column.SITES);

        private final boolean direction;
        private final List<Column> columns;

        Layout(boolean direction, List<Column> columns) {
            this.direction = direction;
            this.columns = columns;
        }

        private List<String> fixed(String[] all) {
            List<String> fixed = new ArrayList<>(List.of(all));
            if (!direction) {
                fixed.remove(DIRECTION);
            }
            return fixed;
        }
    }

    private static final int DIRECTION = 6;

    public static void writeCsv(List<ExportRow> rows, Writer out) throws IOException {
        writeCsv(rows, Layout.ARRIVALS, out);
    }

    public static void writeCsv(List<ExportRow> rows, Layout layout, Writer out) throws IOException {
        try (SequenceWriter csv = CSV.writerFor(String[].class).with(CsvSchema.emptySchema()).writeValues(out)) {
            csv.write(line(layout, layout.fixed(HEADERS), column -> column.header(), SUPPRESSED_HEADER));
            csv.write(line(layout, layout.fixed(HXL), column -> column.hxl(), SUPPRESSED_HXL));
            for (ExportRow row : rows) {
                csv.write(line(layout, layout.fixed(values(row)), row::shown, suppressed(row)));
            }
        }
    }

    public static void writeJson(List<ExportRow> rows, OptionalInt threshold, Writer out) throws IOException {
        writeJson(rows, Layout.ARRIVALS, threshold, out);
    }

    /** {@code threshold} is present for a public export: readers see which rule hid the cells. */
    public static void writeJson(List<ExportRow> rows, Layout layout, OptionalInt threshold, Writer out) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode document = mapper.createObjectNode();
        if (threshold.isPresent()) {
            document.put("suppressedBelow", threshold.getAsInt());
        }
        ObjectNode hxl = document.putObject("hxl");
        List<String> headers = layout.fixed(HEADERS);
        List<String> tags = layout.fixed(HXL);
        for (int i = 0; i < headers.size(); i++) {
            hxl.put(headers.get(i), tags.get(i));
        }
        for (Column column : layout.columns) {
            hxl.put(column.header(), column.hxl());
        }
        hxl.put(SUPPRESSED_HEADER, SUPPRESSED_HXL);
        ArrayNode array = document.putArray("rows");
        rows.forEach(row -> jsonRow(array.addObject(), headers, layout.fixed(values(row)), layout.columns, row));
        mapper.writeValue(out, document);
    }

    private static void jsonRow(ObjectNode json, List<String> headers, List<String> fixed, List<Column> columns, ExportRow row) {
        for (int i = 0; i < headers.size(); i++) {
            json.put(headers.get(i), fixed.get(i));
        }
        for (Column column : columns) {
            String shown = row.shown(column);
            if (shown.isEmpty()) {
                json.putNull(column.header());
            } else {
                json.put(column.header(), Long.parseLong(shown));
            }
        }
        ArrayNode suppressed = json.putArray(SUPPRESSED_HEADER);
        row.suppressed().stream().sorted().forEach(column -> suppressed.add(column.header()));
    }

    private static String[] values(ExportRow row) {
        return new String[] {row.date(), row.scope(), row.adm1Code(), row.adm1Name(), row.location(), locationCode(row),
                row.direction(), row.status()};
    }

    private static String[] line(Layout layout, List<String> fixed, java.util.function.Function<Column, String> cell, String last) {
        List<String> values = new ArrayList<>(fixed);
        for (Column column : layout.columns) {
            values.add(cell.apply(column));
        }
        values.add(last);
        return values.toArray(String[]::new);
    }

    private static String locationCode(ExportRow row) {
        return row.scope().equals("post") || row.scope().equals("site") ? row.scopeId() : "";
    }

    private static String suppressed(ExportRow row) {
        return row.suppressed().stream().sorted().map(Column::header).collect(Collectors.joining(" "));
    }
}
