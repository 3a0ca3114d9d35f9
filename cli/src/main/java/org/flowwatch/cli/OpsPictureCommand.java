package org.flowwatch.cli;

import java.util.Collection;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsPicture;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.consumers.export.CompactedSnapshot;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;
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
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(ops.registry());
        OpsPicture picture = OpsPicture.snapshot(ops, serdes);
        Supplier<Collection<SiteStatus>> sites = () -> CompactedSnapshot.read(ops.kafka(), serdes, Topics.SITE_STATUS,
                ops.readTimeout()).values();
        print(new StatusText(spec.commandLine().getOut(), CommonSettings.timeZone(settings)), picture.view(), sites);
        return 0;
    }

    /** {@code sites} reads the latest status of every site when asked (the view has no run-out projection). */
    abstract void print(StatusText text, OpsView view, Supplier<Collection<SiteStatus>> sites);
}
