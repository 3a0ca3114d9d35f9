package org.flowwatch.cli;

import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsView;
import picocli.CommandLine.Command;

@Command(name = "status", description = "Print the dashboard's picture (arrivals, posts, sites, open alerts) as text and exit.")
final class StatusCommand extends OpsPictureCommand {

    @Override
    void print(StatusText text, OpsView view) {
        text.status(view);
    }
}
