package org.flowwatch.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowwatch.schemas.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The flags that stand for settings, one row each in a table ({@value #CLI}) rather than an {@code @Option} field in
 * every command: the command(s), the flag, the setting it sets (its {@code descriptionKey}, which
 * {@link ConfigOptions#flagsOf} reads), its label, its type (so picocli still refuses {@code --posts abc} while
 * parsing) and what it does. The help ends with the setting and its default as the defaults files have it, so it
 * cannot drift from them. Picocli applies it as the root command's model transformer, once the tree is built; a tool
 * outside the product ({@code bench}) brings its own table by extending it on its command.
 */
public class FlagCatalogue implements CommandLine.IModelTransformer {

    static final String CLI = "flowwatch/flags/cli.tsv";

    private static final Map<String, Class<?>> TYPES = Map.of("text", String.class, "int", Integer.class, "long", Long.class,
            "number", Double.class, "path", Path.class, "switch", Boolean.class);
    private static final int COLUMNS = 6;

    private final String table;
    private final List<Row> rows;
    private final Settings defaults;

    FlagCatalogue() {
        this(CLI);
    }

    /** The rows of classpath resource {@code table}; {@code moreDefaults}: the tool's own defaults, as it loads them. */
    protected FlagCatalogue(String table, String... moreDefaults) {
        this(table, lines(table), ConfigOptions.defaults(moreDefaults));
    }

    FlagCatalogue(String table, List<String> lines, Settings defaults) {
        this.table = table;
        this.defaults = defaults;
        this.rows = new ArrayList<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank() || lines.get(i).startsWith("#")) {
                continue;
            }
            if (!header) {
                rows.add(row(i + 1, lines.get(i)));
            }
            header = false;
        }
    }

    /** A line of the table below its header; a command ending in {@code " *"} stands for each of its subcommands. */
    record Row(int line, List<String> commands, List<String> names, String setting, String label, Class<?> type, String text) {

        boolean serves(String command) {
            int parent = command.lastIndexOf(' ');
            return commands.contains(command) || parent > 0 && commands.contains(command.substring(0, parent) + " *");
        }
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    /** Adds each row's option to the commands it names; a row naming a command not in the tree is a mistake. */
    @Override
    public CommandSpec transform(CommandSpec command) {
        if (command.parent() != null) {
            return command; // handed down to every subcommand (scope INHERIT): the root binds the whole tree at once
        }
        Set<String> seen = new HashSet<>();
        bind(command, seen);
        for (Row row : rows) {
            row.commands().stream().map(name -> name.endsWith(" *") ? name.substring(0, name.length() - 2) : name)
                    .filter(name -> !seen.contains(name)).findFirst()
                    .ifPresent(name -> fail(row, "no command '" + name + "'"));
        }
        return command;
    }

    private void bind(CommandSpec command, Set<String> seen) {
        String name = pathOf(command);
        seen.add(name);
        for (Row row : rows) {
            if (row.serves(name)) {
                try {
                    command.addOption(option(row));
                } catch (CommandLine.DuplicateOptionAnnotationsException e) {
                    fail(row, e.getMessage());
                }
            }
        }
        // distinct: an alias (topics create) maps to the same command as its name
        new LinkedHashSet<>(command.subcommands().values()).forEach(sub -> bind(sub.getCommandSpec(), seen));
    }

    /** The command as typed after {@code flowwatch}, e.g. {@code post send}; a command on its own is its name. */
    private static String pathOf(CommandSpec command) {
        return command.parent() == null ? command.name() : command.qualifiedName().substring(command.root().name().length() + 1);
    }

    private OptionSpec option(Row row) {
        OptionSpec.Builder option = OptionSpec.builder(row.names().toArray(String[]::new)).descriptionKey(row.setting()).type(row.type())
                .description(row.text() + " (" + row.setting() + defaultOf(row) + ").");
        if (!row.label().isEmpty()) {
            option.paramLabel(row.label());
        }
        return option.build();
    }

    /** ", default X" as the defaults files say; nothing for an empty default or a switch that is off. */
    private String defaultOf(Row row) {
        String value = defaults.optional(row.setting()).orElse("");
        boolean off = row.type() == Boolean.class && value.equalsIgnoreCase("false");
        return value.isEmpty() || off ? "" : ", default " + value;
    }

    private Row row(int line, String text) {
        String[] cells = text.split("\t", -1);
        if (cells.length != COLUMNS) {
            throw new IllegalStateException(table + ":" + line + ": " + cells.length + " tab-separated columns, not " + COLUMNS);
        }
        Row row = new Row(line, List.of(cells[0].trim().split("\\s*,\\s*")), List.of(cells[1].trim().split("\\s*,\\s*")), cells[2].trim(),
                cells[3].trim(), TYPES.get(cells[4].trim()), cells[5].trim());
        if (row.type() == null) {
            fail(row, "type '" + cells[4].trim() + "' is not one of " + TYPES.keySet());
        }
        if (row.label().isEmpty() != (row.type() == Boolean.class)) {
            fail(row, "a switch has no label, any other flag has one");
        }
        if ("nowhere".equals(defaults.layer(row.setting()))) {
            fail(row, "no defaults file declares setting '" + row.setting() + "'");
        }
        return row;
    }

    private void fail(Row row, String problem) {
        throw new IllegalStateException(table + ":" + row.line() + ": " + problem);
    }

    private static List<String> lines(String table) {
        try (InputStream in = FlagCatalogue.class.getClassLoader().getResourceAsStream(table)) {
            if (in == null) {
                throw new IllegalStateException("flag table " + table + " is missing from the classpath");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
