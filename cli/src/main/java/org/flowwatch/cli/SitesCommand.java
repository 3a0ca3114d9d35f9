package org.flowwatch.cli;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.flowwatch.producers.post.FieldException;
import org.flowwatch.producers.sites.MovementReport;
import org.flowwatch.producers.sites.SupplyReport;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Records what happens at sites by hand: supplies (deliveries, distributions over a period, stock counts, convoys
 * announced) and movements of people (departures, transfers, arrivals not seen at a post). Everything is checked
 * before it is published, and a wrong value is refused in one line naming the flag (exit 2), as the sites app would
 * otherwise refuse it where the operator does not see it.
 */
@Command(name = "sites", description = "Record supplies and movements of people at sites.",
        subcommands = {SitesCommand.Supply.class, SitesCommand.Announce.class, SitesCommand.Move.class, SitesCommand.Depart.class})
final class SitesCommand {

    // The contract's field names as the flags that set them, so a refusal names what the operator typed.
    private static final Map<String, String> FLAGS = Map.ofEntries(Map.entry("kind", "--kind"), Map.entry("fromSiteId", "--from"),
            Map.entry("toSiteId", "--to"), Map.entry("people", "--people"), Map.entry("occurredAt", "--at"),
            Map.entry("reason", "--reason"), Map.entry("siteId", "--site"), Map.entry("item", "--item"),
            Map.entry("quantity", "--quantity"), Map.entry("unit", "--unit"), Map.entry("periodStart", "--since"),
            Map.entry("convoyId", "--convoy"), Map.entry("expectedAt", "--eta"));

    private SitesCommand() {
    }

    /**
     * What every sites command shares: the settings, when it happened (--at, default now), and how a record is
     * checked (a field the contract refuses becomes one line naming its flag) and published (acknowledged, then one
     * line saying what was recorded).
     */
    static final class Recording extends ConfigOptions {
        @Option(names = "--at", paramLabel = "TIME", description = "When, e.g. 2023-09-26T08:00:00+04:00 (default: now).")
        String at;

        Instant when() {
            Instant given = time("--at", at);
            return given == null ? Instant.now() : given;
        }

        /** A date-time flag, or a refusal naming it; {@code null} when not given. */
        Instant time(String flag, String value) {
            if (value == null) {
                return null;
            }
            try {
                return OffsetDateTime.parse(value.trim()).toInstant();
            } catch (DateTimeParseException e) {
                throw refused(flag + ": must be a date-time with offset such as "
                        + "2023-09-26T08:00:00+04:00, got '" + value + "'");
            }
        }

        <T> T checked(Map<String, String> renamed, Supplier<T> record) {
            try {
                return record.get();
            } catch (FieldException e) {
                String flag = renamed.getOrDefault(e.field(), FLAGS.getOrDefault(e.field(), e.field()));
                throw refused(flag + e.getMessage().substring(e.field().length()));
            }
        }

        int publish(SupplyReport report) {
            SupplyEvent supply = checked(Map.of(), () -> report.toSupply(UUID.randomUUID(), Instant.now()));
            ReferenceCommand.publish(settings(), publisher -> publisher.supply(supply));
            out().printf("recorded %s of %s %s %s at %s (event %s)%n", lower(supply.getKind()),
                    supply.getQuantity(), supply.getUnit(), supply.getItem(), supply.getSiteId(), supply.getEventId());
            return 0;
        }

        int publish(MovementReport report, Map<String, String> renamed) {
            SiteMovement movement = checked(renamed, () -> report.toMovement(UUID.randomUUID(), Instant.now()));
            ReferenceCommand.publish(settings(), publisher -> publisher.movement(movement));
            out().printf("recorded %s of %d people (event %s)%n", lower(movement.getKind()),
                    movement.getPeople(), movement.getEventId());
            return 0;
        }

        private static String lower(Enum<?> kind) {
            return kind.name().toLowerCase(Locale.ROOT);
        }
    }

    /** What changed in a site's stock of one item. */
    static final class Stock {
        @Option(names = "--site", required = true, description = "Site id, e.g. goris.")
        String site;
        @Option(names = "--item", required = true, description = "Item id, e.g. water, food.")
        String item;
        @Option(names = "--quantity", required = true, description = "How much, in the item's unit (0 or more).")
        double quantity;
        @Option(names = "--unit", required = true, description = "The item's unit, e.g. litre, kcal.")
        String unit;
    }

    /** How many people moved, and why they left. */
    static final class People {
        @Option(names = "--people", required = true, description = "How many people (1 or more).")
        int count;
        @Option(names = "--reason", description = "Why they left: onward, housing, return or other (default: not said).")
        String reason;
    }

    @Command(name = "supply", description = "A delivery adds (--convoy confirms an announced convoy), a distribution reports "
            + "what was handed out (--since: the period it covers), a stock count sets the level, convoy_announced expects one.")
    static final class Supply implements Callable<Integer> {
        @Mixin
        Recording recording;
        @Mixin
        Stock stock;
        @Option(names = "--kind", required = true, description = "delivery, distribution, stock_count or convoy_announced")
        String kind;
        @Option(names = "--since", paramLabel = "TIME", description = "Distribution: start of the period it covers (it ends at --at).")
        String since;
        @Option(names = "--convoy", paramLabel = "ID", description = "The convoy a delivery confirms (or an announcement names).")
        String convoy;
        @Option(names = "--eta", paramLabel = "TIME", description = "convoy_announced: when the convoy is due.")
        String eta;

        @Override
        public Integer call() {
            return recording.publish(new SupplyReport(kind, stock.site, stock.item, stock.quantity, stock.unit, recording.when(),
                    recording.time("--since", since), convoy, recording.time("--eta", eta)));
        }
    }

    @Command(name = "announce", description = "A convoy on its way: what it carries and when it is due (a later "
            + "'sites supply --kind delivery --convoy ID' confirms it; until then the sites app counts it as expected).")
    static final class Announce implements Callable<Integer> {
        @Mixin
        Recording recording;
        @Mixin
        Stock stock;
        @Option(names = "--eta", required = true, paramLabel = "TIME", description = "When the convoy is due at the site.")
        String eta;
        @Option(names = "--convoy", required = true, paramLabel = "ID", description = "The convoy's reference, e.g. C-17 (never a plate).")
        String convoy;

        @Override
        public Integer call() {
            return recording.publish(new SupplyReport("convoy_announced", stock.site, stock.item, stock.quantity, stock.unit,
                    recording.when(), null, convoy, recording.time("--eta", eta)));
        }
    }

    @Command(name = "move", description = "People moving: a transfer between sites, a departure, an arrival not seen at a post.")
    static final class Move implements Callable<Integer> {
        @Mixin
        Recording recording;
        @Mixin
        People people;
        @Option(names = "--kind", required = true, description = "transfer, departure or arrival")
        String kind;
        @Option(names = "--from", description = "The site people leave (transfer, departure).")
        String from;
        @Option(names = "--to", description = "The site people reach (transfer, arrival).")
        String to;

        @Override
        public Integer call() {
            return recording.publish(new MovementReport(kind, from, to, people.count, recording.when(), people.reason), Map.of());
        }
    }

    @Command(name = "depart", description = "People leaving a site: to housing, onward, back home.")
    static final class Depart implements Callable<Integer> {
        @Mixin
        Recording recording;
        @Mixin
        People people;
        @Option(names = "--site", required = true, description = "The site people leave, e.g. goris.")
        String site;

        @Override
        public Integer call() {
            return recording.publish(new MovementReport("departure", site, null, people.count, recording.when(), people.reason),
                    Map.of("fromSiteId", "--site"));
        }
    }
}
