package org.flowwatch.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.flowwatch.producers.reference.DemoSupplies;
import org.flowwatch.producers.replay.ReplaySettings;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.config.Settings;

/** Publishes the demo's supplies as the replay reaches their time of event, so a convoy lands when the replay says. */
final class DemoSupplyScript {

    private static final Duration HOUR = Duration.ofHours(1);

    private final Settings settings;
    private final List<SupplyEvent> pending;

    private DemoSupplyScript(Settings settings, List<SupplyEvent> supplies) {
        this.settings = settings;
        this.pending = new ArrayList<>(supplies);
    }

    static DemoSupplyScript forReplay(Settings settings) {
        ReplaySettings replay = ReplaySettings.from(settings);
        DemoSupplyScript script = new DemoSupplyScript(settings, DemoSupplies.forReplay(replay.start(), replay.length()));
        script.publishDueBy(replay.start().minus(HOUR)); // the opening stock counts, before the first crossing
        return script;
    }

    /** Called as each replayed hour is sent: publishes the supplies that happened up to the end of that hour. */
    void publishDueBy(Instant hourSent) {
        Instant end = hourSent.plus(HOUR);
        List<SupplyEvent> due = pending.stream().filter(supply -> !supply.getOccurredAt().isAfter(end)).toList();
        if (!due.isEmpty()) {
            ReferenceCommand.publish(settings, publisher -> due.forEach(publisher::supply));
            pending.removeAll(due);
        }
    }
}
