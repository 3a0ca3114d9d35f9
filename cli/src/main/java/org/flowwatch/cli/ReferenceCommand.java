package org.flowwatch.cli;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.flowwatch.producers.reference.ReferenceDataPublisher;
import org.flowwatch.producers.reference.SiteReferenceData;
import org.flowwatch.producers.reference.SphereItems;
import org.flowwatch.schemas.avro.Item;
import org.flowwatch.schemas.avro.NeedBasis;
import org.flowwatch.schemas.avro.Site;
import org.flowwatch.schemas.avro.SiteKind;
import org.flowwatch.schemas.avro.Threshold;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.FlowwatchSerdes;
import org.flowwatch.schemas.time.OpeningHours;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Sets the reference data of the sites app on its compacted topics; the running app applies it without a restart. */
@Command(name = "reference", description = "Set sites, items and thresholds (applied by the running sites app without a restart).",
        subcommands = {ReferenceCommand.Defaults.class, ReferenceCommand.SiteCmd.class, ReferenceCommand.ItemCmd.class,
                ReferenceCommand.ThresholdCmd.class})
final class ReferenceCommand {

    /** Publishes with the settings' Kafka and registry, and waits for every acknowledgement. */
    static void publish(Settings settings, Consumer<ReferenceDataPublisher> changes) {
        FlowwatchSerdes serdes = FlowwatchSerdes.forRegistry(CommonSettings.registry(settings));
        try (ReferenceDataPublisher publisher = new ReferenceDataPublisher(CommonSettings.kafkaClient(settings), serdes)) {
            changes.accept(publisher);
        }
    }

    /** The 2023 scenario's sites (with scenario capacities) and the Sphere items, with each site's generator fuel. */
    static int publishDefaults(Settings settings) {
        List<Site> sites = SiteReferenceData.scenario2023();
        List<Item> items = new java.util.ArrayList<>(SphereItems.minimums());
        items.addAll(SphereItems.fuel(SiteReferenceData.fuelLitresPerDay()));
        publish(settings, publisher -> {
            sites.forEach(publisher::site);
            items.forEach(publisher::item);
        });
        return sites.size() + items.size();
    }

    /** What every reference command shares: the settings, and publishing with them. */
    static final class Publishing extends ConfigOptions {

        void publish(Consumer<ReferenceDataPublisher> changes) {
            ReferenceCommand.publish(settings(), changes);
        }
    }

    @Command(name = "defaults", description = "Publish the 2023 scenario's sites and the Sphere minimums as items.")
    static final class Defaults implements Callable<Integer> {
        @Mixin
        Publishing publishing;

        @Override
        public Integer call() {
            publishing.out().printf("published %d sites and items%n", publishDefaults(publishing.settings()));
            return 0;
        }
    }

    @Command(name = "site", description = "Add or change a site.")
    static final class SiteCmd implements Callable<Integer> {
        private static final double MAX_STAY_HOURS = 8_760;
        @Mixin
        Publishing publishing;
        @Option(names = "--id", required = true)
        String id;
        @Option(names = "--name", required = true)
        String name;
        @Option(names = "--kind", defaultValue = "shelter", description = "border_post, reception_centre, shelter, other, or origin (a place people come from: what a crossing's origin may name)")
        String kind;
        @Option(names = "--region", required = true, description = "ISO 3166-2 code of the region, e.g. AM-SU")
        String region;
        @Option(names = "--region-name", defaultValue = "")
        String regionName;
        @Option(names = "--capacity", description = "people the site can hold")
        Integer capacity;
        @Option(names = "--reception-site", description = "for a border post: where its arrivals go")
        String receptionSite;
        @Option(names = "--opening-hours", paramLabel = "HH:mm-HH:mm", description = "for a border post: when it works, in"
                + " operation.time.zone (e.g. 06:00-18:00, 22:00-06:00); POST_SILENT counts only these hours. Default: always open")
        String openingHours;
        @Option(names = "--median-stay-hours", description = "for a transit site: how long half the people stay; when the"
                + " site reports no departures for sites.transit.quiet.after, the sites app moves people on at this rate"
                + " and marks its population estimated. Default: none (people stay until a departure is reported)")
        Double medianStayHours;

        @Override
        public Integer call() {
            try {
                OpeningHours.parse(openingHours);
            } catch (IllegalArgumentException e) {
                throw publishing.refused("--opening-hours: " + e.getMessage());
            }
            if (medianStayHours != null && !(medianStayHours > 0 && medianStayHours <= MAX_STAY_HOURS)) {
                throw publishing.refused("--median-stay-hours: must be more than 0 and at most " + MAX_STAY_HOURS + " (a year), got " + medianStayHours);
            }
            Site site = Site.newBuilder().setSiteId(id).setName(name).setKind(SiteKind.valueOf(kind.toUpperCase(Locale.ROOT)))
                    .setAdm1Code(region).setAdm1Name(regionName).setCapacityPeople(capacity).setReceptionSiteId(receptionSite)
                    .setOpeningHours(openingHours == null ? null : OpeningHours.parse(openingHours).toString())
                    .setMedianStayHours(medianStayHours).build();
            publishing.publish(publisher -> publisher.site(site));
            return 0;
        }
    }

    @Command(name = "item", description = "Add or change an item's need, for every site or (--site) one site.")
    static final class ItemCmd implements Callable<Integer> {
        @Mixin
        Publishing publishing;
        @Option(names = "--id", required = true)
        String id;
        @Option(names = "--unit", required = true, description = "e.g. litre, kcal, square_metre")
        String unit;
        @Option(names = "--per-person", required = true, description = "need per person per day (shared items: minimum per person)")
        double perPerson;
        @Option(names = "--per-site", defaultValue = "0", description = "the site's own need per day, e.g. generator fuel")
        double perSite;
        @Option(names = "--shared", description = "space or units shared, not used up (shelter, toilets)")
        boolean shared;
        @Option(names = "--site", description = "only for this site")
        String site;

        @Override
        public Integer call() {
            Item item = Item.newBuilder().setItemId(id).setSiteId(site).setUnit(unit)
                    .setBasis(shared ? NeedBasis.CAPACITY : NeedBasis.DAILY_CONSUMPTION)
                    .setPerPersonPerDay(perPerson).setPerSitePerDay(perSite).build();
            publishing.publish(publisher -> publisher.item(item));
            return 0;
        }
    }

    @Command(name = "threshold", description = "Set when a shortage is a warning and critical, for a site (or '*': every site) and item.")
    static final class ThresholdCmd implements Callable<Integer> {
        @Mixin
        Publishing publishing;
        @Option(names = "--site", required = true, description = "site id, or * for every site without its own")
        String site;
        @Option(names = "--item", required = true)
        String item;
        @Option(names = "--warning", required = true, description = "days of cover (shared items: share of the minimum)")
        double warning;
        @Option(names = "--critical", required = true, description = "as --warning, and lower")
        double critical;

        @Override
        public Integer call() {
            if (critical > warning) {
                throw publishing.refused("--critical (" + critical + ") must not be above --warning (" + warning + ")");
            }
            publishing.publish(publisher -> publisher.threshold(new Threshold(site, item, warning, critical)));
            return 0;
        }
    }
}
