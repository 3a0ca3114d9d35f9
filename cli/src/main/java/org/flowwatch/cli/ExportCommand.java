package org.flowwatch.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "export", description = "Export arrivals for HDX (CSV with HXL hashtags, or JSON).")
final class ExportCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        return 0;
    }
}
