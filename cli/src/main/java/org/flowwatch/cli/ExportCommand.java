package org.flowwatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.flowwatch.consumers.export.ArrivalsExport;
import org.flowwatch.consumers.export.ExportSettings;
import org.flowwatch.consumers.export.SitesExport;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Export arrivals by region and post, or the people at each site, for HDX: CSV with an HXL hashtag row, or JSON.")
final class ExportCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write here instead of standard output.")
    Path out;

    @Override
    public Integer call() throws IOException {
        ExportSettings settings = ExportSettings.from(config.settings());
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(settings.registry());
        if (out == null) {
            PrintWriter stdout = config.out();
            run(settings, serdes, stdout);
            stdout.flush();
            return 0;
        }
        try (Writer file = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            int rows = run(settings, serdes, file);
            config.err().printf("wrote %d row(s) to %s%n", rows, out);
        }
        return 0;
    }

    private static int run(ExportSettings settings, FlowwatchSerdes serdes, Writer out) throws IOException {
        return settings.what() == ExportSettings.What.SITES ? SitesExport.run(settings, serdes, out) : ArrivalsExport.run(settings, serdes, out);
    }
}
