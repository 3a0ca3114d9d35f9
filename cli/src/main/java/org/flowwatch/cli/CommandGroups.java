package org.flowwatch.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * {@code flowwatch --help} lists the commands by what they serve, not in one list of twenty: a responder looking for
 * "what is open now" should not read past the topic administration. Picocli prints one flat list; its help sections
 * are replaceable, so this renders the same rows under headings. A command no group names (a tool added by another
 * launcher, e.g. {@code bench}) is listed under "Other".
 */
final class CommandGroups implements CommandLine.IHelpSectionRenderer {

    static final Map<String, List<String>> GROUPS = groups();

    private static Map<String, List<String>> groups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("Try it", List.of("demo"));
        groups.put("Record crossings and site events", List.of("post", "gateway", "odk", "sites", "replay", "load"));
        groups.put("Run the pipeline", List.of("streams", "dispatch", "ops", "hub"));
        groups.put("See what is happening", List.of("status", "alerts", "export"));
        groups.put("Set up and maintain", List.of("reference", "topics", "registry", "config", "reset", "help"));
        return groups;
    }

    /** Puts the grouped list in place of picocli's flat one. */
    static CommandLine install(CommandLine commandLine) {
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        commandLine.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, new CommandGroups());
        return commandLine;
    }

    @Override
    public String render(Help help) {
        Map<String, Help> commands = new LinkedHashMap<>(help.subcommands());
        StringBuilder text = new StringBuilder();
        GROUPS.forEach((heading, names) -> text.append(section(help, heading, names, commands)));
        text.append(section(help, "Other", new ArrayList<>(commands.keySet()), commands));
        return text.toString();
    }

    /** The rows of {@code names} (taken out of {@code left}) under {@code heading}; nothing when none is there. */
    private static String section(Help help, String heading, List<String> names, Map<String, Help> left) {
        Map<String, Help> rows = new LinkedHashMap<>();
        names.forEach(name -> {
            if (left.containsKey(name)) {
                rows.put(name, left.remove(name));
            }
        });
        return rows.isEmpty() ? "" : "\n" + heading + ":\n" + help.commandList(rows);
    }
}
