package org.flowwatch.cli;

import java.util.Collection;
import java.util.function.Supplier;
import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.schemas.avro.SiteStatus;
import picocli.CommandLine.Command;

@Command(name = "alerts", description = "Print the open alerts (most severe first, acknowledged or not) and exit.")
final class AlertsCommand extends OpsPictureCommand {

    @Override
    void print(StatusText text, OpsView view, Supplier<Collection<SiteStatus>> sites) {
        text.alerts(view);
    }
}
