package org.flowwatch.cli;

import java.util.concurrent.Callable;
import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsPicture;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A terminal command that reads the dashboard's topics to their end, prints part of the picture and exits. */
abstract class OpsPictureCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = config.load();
        OpsSettings ops = OpsSettings.from(settings);
        OpsPicture picture = OpsPicture.snapshot(ops, FlowwatchSerdes.forRegistry(ops.registry()));
        print(new StatusText(spec.commandLine().getOut(), CommonSettings.timeZone(settings)), picture.view());
        return 0;
    }

    abstract void print(StatusText text, OpsView view);
}
