package org.flowwatch.cli;

import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsView;
import picocli.CommandLine.Command;

@Command(name = "alerts", description = "Print the open alerts (most severe first, acknowledged or not) and exit.")
final class AlertsCommand extends OpsPictureCommand {

    @Override
    void print(StatusText text, OpsView view) {
        text.alerts(view);
    }
}
