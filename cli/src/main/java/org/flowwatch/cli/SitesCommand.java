package org.flowwatch.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.flowwatch.schemas.avro.MovementKind;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import org.flowwatch.schemas.avro.SupplyKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Records what happens at sites by hand: supplies (deliveries, distributions, stock counts) and movements of people. */
@Command(name = "sites", description = "Record supplies and movements of people at sites.",
        subcommands = {SitesCommand.Supply.class, SitesCommand.Move.class})
final class SitesCommand {

    private static Instant at(String time) {
        return time == null ? Instant.now() : OffsetDateTime.parse(time).toInstant();
    }

    @Command(name = "supply", description = "A delivery adds, a distribution subtracts, a stock count sets the level.")
    static final class Supply implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Option(names = "--site", required = true)
        String site;
        @Option(names = "--item", required = true)
        String item;
        @Option(names = "--kind", required = true, description = "delivery, distribution or stock_count")
        String kind;
        @Option(names = "--quantity", required = true)
        double quantity;
        @Option(names = "--unit", required = true, description = "the item's unit, e.g. litre")
        String unit;
        @Option(names = "--at", description = "when, e.g. 2023-09-26T08:00:00+04:00 (default now)")
        String time;

        @Override
        public Integer call() {
            Instant when = at(time);
            SupplyEvent supply = SupplyEvent.newBuilder().setEventId(UUID.randomUUID()).setSiteId(site).setItem(item)
                    .setKind(SupplyKind.valueOf(kind.toUpperCase(Locale.ROOT))).setQuantity(quantity).setUnit(unit)
                    .setOccurredAt(when).setRecordedAt(Instant.now()).build();
            ReferenceCommand.publish(config.load(), publisher -> publisher.supply(supply));
            return 0;
        }
    }

    @Command(name = "move", description = "People moving: a transfer between sites, a departure, an arrival not seen at a post.")
    static final class Move implements Callable<Integer> {
        @Mixin
        ConfigOptions config;
        @Option(names = "--kind", required = true, description = "transfer, departure or arrival")
        String kind;
        @Option(names = "--from")
        String from;
        @Option(names = "--to")
        String to;
        @Option(names = "--people", required = true)
        int people;
        @Option(names = "--at", description = "when, e.g. 2023-09-26T08:00:00+04:00 (default now)")
        String time;

        @Override
        public Integer call() {
            Instant when = at(time);
            SiteMovement movement = SiteMovement.newBuilder().setEventId(UUID.randomUUID())
                    .setKind(MovementKind.valueOf(kind.toUpperCase(Locale.ROOT))).setFromSiteId(from).setToSiteId(to)
                    .setPeople(people).setOccurredAt(when).setRecordedAt(Instant.now()).build();
            ReferenceCommand.publish(config.load(), publisher -> publisher.movement(movement));
            return 0;
        }
    }
}
