package org.flowwatch.producers.post;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.Map;
import org.flowwatch.producers.journal.JournalFullException;

/**
 * Records a tablet's export: CSV with a header row of field names, or JSON lines (one object per line). A line that
 * cannot be recorded is reported with its number and the field at fault (never its values) and the import goes on;
 * lines that carry an {@code event_id} can be imported again safely, the others get a new one each time.
 */
public final class TabletImport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PostClient client;
    private final PrintWriter err;

    public TabletImport(PostClient client, PrintWriter err) {
        this.client = client;
        this.err = err;
    }

    public Result run(Reader input) throws IOException {
        BufferedReader reader = new BufferedReader(input);
        reader.mark(1 << 16);
        int first;
        do {
            first = reader.read();
        } while (first != -1 && Character.isWhitespace(first));
        reader.reset();
        return first == '{' ? jsonLines(reader) : csv(reader);
    }

    private Result jsonLines(BufferedReader reader) throws IOException {
        Result result = new Result(0, 0);
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null && !result.stoppedFull()) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonNode node = JSON.readTree(line);
                result = node.isObject() ? record(result, number, FlatFields.byName(FlatFields.of(node)))
                        : rejected(result, number, "not a JSON object");
            } catch (JsonProcessingException e) {
                result = rejected(result, number, "not valid JSON");
            }
        }
        return result;
    }

    private Result csv(BufferedReader reader) throws IOException {
        Result result = new Result(0, 0);
        CsvMapper mapper = new CsvMapper();
        try (MappingIterator<Map<String, String>> rows = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(reader)) {
            while (rows.hasNextValue() && !result.stoppedFull()) {
                Map<String, String> row = rows.nextValue();
                result = record(result, rows.getCurrentLocation().getLineNr() - 1, row);
            }
        }
        return result;
    }

    private Result record(Result result, int line, Map<String, String> fields) {
        try {
            client.record(fields);
            return new Result(result.recorded() + 1, result.rejected());
        } catch (FieldException e) {
            return rejected(result, line, e.getMessage());
        } catch (JournalFullException e) {
            err.println("line " + line + ": " + e.getMessage() + "; this line and the rest were not recorded");
            err.flush();
            return new Result(result.recorded(), result.rejected() + 1, true);
        }
    }

    private Result rejected(Result result, int line, String why) {
        err.println("line " + line + ": not recorded: " + why);
        err.flush();
        return new Result(result.recorded(), result.rejected() + 1);
    }

    /** Lines recorded and lines refused; {@code stoppedFull} when the journal's bound stopped the import. */
    public record Result(int recorded, int rejected, boolean stoppedFull) {
        Result(int recorded, int rejected) {
            this(recorded, rejected, false);
        }
    }
}
