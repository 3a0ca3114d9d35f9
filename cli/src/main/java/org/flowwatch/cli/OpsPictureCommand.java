package org.flowwatch.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.function.Supplier;
import org.flowwatch.consumers.console.StatusText;
import org.flowwatch.consumers.dashboard.OpsPicture;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.consumers.dashboard.OpsView;
import org.flowwatch.consumers.export.CompactedSnapshot;
import org.flowwatch.schemas.avro.SiteStatus;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.topics.Topics;

/** A terminal command that reads the dashboard's topics to their end, prints part of the picture and exits. */
abstract class OpsPictureCommand extends SettingsCommand {

    @Override
    int run(Settings settings) {
        Locale language = language(settings);
        OpsSettings ops = OpsSettings.from(settings);
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(ops.registry());
        OpsPicture picture = OpsPicture.snapshot(ops, serdes);
        Supplier<Collection<SiteStatus>> sites = () -> CompactedSnapshot.read(ops.kafka(), serdes, Topics.SITE_STATUS,
                ops.readTimeout()).values();
        print(new StatusText(config.out(), CommonSettings.timeZone(settings), language), picture.view(), sites);
        return 0;
    }

    private static Locale language(Settings settings) {
        try {
            return Languages.parse(settings.string("ops.locale"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'ops.locale' (from " + settings.layer("ops.locale") + "): " + e.getMessage());
        }
    }

    /** {@code sites} reads the latest status of every site when asked (the view has no run-out projection). */
    abstract void print(StatusText text, OpsView view, Supplier<Collection<SiteStatus>> sites);
}
