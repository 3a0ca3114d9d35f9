package org.flowwatch.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.flowwatch.producers.gateway.GatewaySettings;
import org.flowwatch.producers.odk.OdkPullSettings;
import org.flowwatch.producers.load.LoadSettings;
import org.flowwatch.producers.post.PostSettings;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.export.ExportSettings;
import org.flowwatch.consumers.webhook.DispatchSettings;
import org.flowwatch.hub.HubSettings;
import org.flowwatch.producers.replay.ReplaySettings;
import org.flowwatch.schemas.config.ConfigLoader;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.streams.sites.SitesSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The configuration options every command shares, and the command they are mixed into: its settings, its output and
 * its refusals. Precedence, lowest first: built-in defaults, {@code --config} file, {@code FLOWWATCH_*} environment
 * variables, {@code --set key=value} and the command's own flags (rows of the {@link FlagCatalogue}). A family's
 * options (e.g. {@link ReferenceCommand.Publishing}) extend this class rather than mix it in: a mixin inside a mixin
 * would know only the outer mixin, not the command.
 */
public class ConfigOptions {

    static final String DEFAULTS = "flowwatch/defaults/cli.properties";

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file of settings.")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting (repeatable); see 'flowwatch config'.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /**
     * The flags the user gave to a command, each under the key of the setting it stands for: an option names its
     * setting once, as its {@code descriptionKey} (given by {@link FlagCatalogue}). Flags sit above every other layer;
     * an option not given, or a switch left off, sets nothing.
     */
    public static Map<String, String> flagsOf(CommandSpec spec) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (OptionSpec option : spec.options()) {
            String key = option.descriptionKey();
            Object value = option.getValue();
            boolean picocliOwn = option.usageHelp() || option.versionHelp(); // these carry a descriptionKey of picocli's
            if (!picocliOwn && key != null && !key.isEmpty() && value != null && !Boolean.FALSE.equals(value)) {
                flags.put(key, value.toString());
            }
        }
        return flags;
    }

    /** The flags the user gave to the command this is mixed into ({@link #flagsOf}). */
    public Map<String, String> flags() {
        return flagsOf(command);
    }

    /** The layered settings, the command's own flags on top. */
    Settings settings() {
        return load(flags());
    }

    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Bad usage: exit 2 with one line, before anything is done. */
    ParameterException refused(String message) {
        return new ParameterException(command.commandLine(), message);
    }

    /** Loads every app's defaults and the user's layers, with the command's own flags (already keyed) on top. */
    Settings load() {
        return load(Map.of());
    }

    Settings load(Map<String, String> commandFlags) {
        return load(commandFlags, new String[0]);
    }

    /** As {@link #load(Map)}, with the defaults of a tool outside the product (e.g. the benchmarks') under the rest. */
    public Settings load(Map<String, String> commandFlags, String... moreDefaults) {
        Map<String, String> flags = new LinkedHashMap<>(overrides);
        flags.putAll(commandFlags);
        Settings settings = defaultsLoader(moreDefaults)
                .file(configFile)
                .env(System.getenv(), "FLOWWATCH_")
                .flags(flags)
                .load();
        Configurator.setLevel("org.flowwatch", Level.toLevel(settings.string("log.level"), Level.WARN));
        Configurator.setRootLevel(Level.toLevel(settings.string("log.level"), Level.WARN));
        return settings;
    }

    /** The built-in defaults alone, no user layer: what a flag's help says it falls back to ({@link FlagCatalogue}). */
    static Settings defaults(String... moreDefaults) {
        return defaultsLoader(moreDefaults).load();
    }

    private static ConfigLoader defaultsLoader(String... moreDefaults) {
        ConfigLoader loader = HubSettings.loader(SitesSettings.loader().defaults(ReplaySettings.DEFAULTS));
        for (String defaults : moreDefaults) {
            loader = loader.defaults(defaults);
        }
        return loader
                .defaults(PostSettings.DEFAULTS)
                .defaults(GatewaySettings.DEFAULTS)
                .defaults(OdkPullSettings.DEFAULTS)
                .defaults(LoadSettings.DEFAULTS)
                .defaults(DispatchSettings.DEFAULTS)
                .defaults(ExportSettings.DEFAULTS)
                .defaults(OpsSettings.DEFAULTS)
                .defaults(DEFAULTS);
    }
}
