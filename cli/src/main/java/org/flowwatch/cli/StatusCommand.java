package org.flowwatch.cli;

import java.util.Collection;
import java.util.function.Supplier;
import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.schemas.avro.SiteStatus;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Print the dashboard's picture (arrivals, posts, sites, open alerts) as text and exit.")
final class StatusCommand extends OpsPictureCommand {

    @Override
    void print(StatusText text, OpsView view, Supplier<Collection<SiteStatus>> sites) {
        text.status(view, sites.get());
    }
}
