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

@Command(name = "status", description = "Print the dashboard's picture (arrivals, posts, sites, open alerts) as text and exit.")
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = config.load();
        OpsSettings ops = OpsSettings.from(settings);
        OpsPicture picture = OpsPicture.snapshot(ops, FlowwatchSerdes.forRegistry(ops.registry()));
        new StatusText(spec.commandLine().getOut(), CommonSettings.timeZone(settings)).status(picture.view());
        return 0;
    }
}
