package org.flowwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flowwatch.consumers.export.ArrivalsExport;
import org.flowwatch.consumers.export.ExportSettings;
import org.flowwatch.consumers.export.SitesExport;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Export arrivals by region and post, or the people at each site, for HDX: CSV with an HXL hashtag row, or JSON.")
final class ExportCommand extends SettingsCommand {

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    int run(Settings all) throws IOException {
        ExportSettings settings = ExportSettings.from(all);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(settings.registry());
        if (out == null) {
            PrintWriter stdout = config.out();
            export(settings, serdes, stdout);
            stdout.flush();
            return 0;
        }
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            int rows = export(settings, serdes, file);
            config.err().printf("wrote %d row(s) to %s%n", rows, out);
        }
        return 0;
    }

    private static int export(ExportSettings settings, FlowwatchSerdes serdes, Writer out) throws IOException {
        return settings.what() == ExportSettings.What.SITES ? SitesExport.run(settings, serdes, out) : ArrivalsExport.run(settings, serdes, out);
    }
}
