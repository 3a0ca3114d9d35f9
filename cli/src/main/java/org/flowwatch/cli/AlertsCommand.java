package org.flowwatch.cli;

import java.util.concurrent.Callable;
import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsPicture;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "alerts", description = "Print the open alerts (most severe first, acknowledged or not) and exit.")
final class AlertsCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = config.load();
        OpsSettings ops = OpsSettings.from(settings);
        OpsPicture picture = OpsPicture.snapshot(ops, FlowwatchSerdes.forRegistry(ops.registry()));
        new StatusText(spec.commandLine().getOut(), CommonSettings.timeZone(settings)).alerts(picture.view());
        return 0;
    }
}
