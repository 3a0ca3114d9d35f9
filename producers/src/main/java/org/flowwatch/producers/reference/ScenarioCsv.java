package org.flowwatch.producers.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The scenario CSV files on the classpath: '#' lines are comments, the first other line names the columns, and only
 * the last column (a free-text note) may hold commas. Simple enough not to need a CSV library.
 */
final class ScenarioCsv {

    private ScenarioCsv() {
    }

    /** Each data row as column name → value (empty string for an empty field). */
    static List<Map<String, String>> rows(String resource) {
        InputStream in = ScenarioCsv.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("scenario file " + resource + " is not on the classpath");
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            List<String> lines = reader.lines().filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            List<String> header = Arrays.asList(lines.get(0).split(","));
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",", header.size());
                rows.add(IntStream.range(0, header.size()).boxed().collect(Collectors.toMap(header::get,
                        i -> i < fields.length ? fields[i].trim() : "")));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
