package org.flowwatch.cli;

import java.io.PrintWriter;
import java.util.Collection;
import org.flowwatch.cli.access.AccessRoles;
import org.flowwatch.cli.access.AclAdmin;
import org.flowwatch.cli.access.AclPlan;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.TopicChange;
import org.flowwatch.schemas.topics.TopicPlan;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.AppTopics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import picocli.CommandLine.Command;

@Command(name = "topics", description = "Manage flowwatch's topics and ACLs.", subcommands = TopicsCommand.Apply.class)
final class TopicsCommand {

    /** Creates those of {@code topics} that are missing, at the settings' replication factor; leaves the rest as they are. */
    static void createMissing(Settings settings, Collection<TopicSpec<?, ?>> topics) {
        try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
            admin.createMissing(topics, CommonSettings.replicationFactor(settings));
        }
    }

    @Command(name = "apply", aliases = "create", description = {
            "Bring every topic of the catalogue in line: create missing ones, add partitions, set differing configs "
                    + "(one line per change). Exits 1 if a difference cannot be applied (fewer partitions, another replication factor).",
            "With --acls (or acl.apply=true), also add the ACLs of the principals in acl.*."})
    static final class Apply extends ApplyCommand {

        @Override
        int apply(Settings settings, PrintWriter out) {
            TopicPlan plan;
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                plan = TopicPlan.of(Topics.ALL, admin.observe(Topics.ALL), CommonSettings.replicationFactor(settings));
                plan.changes().forEach(change -> out.println(change.describe()));
                if (!dryRun) {
                    admin.apply(plan);
                }
            }
            out.println(summary("topics", plan.applicable().size(), Topics.ALL.size() + " topics checked"));
            if (settings.bool("acl.apply")) {
                applyAcls(settings, out);
            }
            if (plan.hasImpossible()) {
                config.err().println("flowwatch: " + plan.changes().stream().filter(TopicChange.Impossible.class::isInstance).count()
                        + " difference(s) from the catalogue cannot be applied in place (the CANNOT lines above)");
                return OneLineErrors.FAILED;
            }
            return 0;
        }

        private void applyAcls(Settings settings, PrintWriter out) {
            AccessRoles roles = new AccessRoles(settings, AppTopics.of(ArrivalsApp.topology(StreamsSettings.from(settings))),
                    AppTopics.of(SitesApp.topology(SitesSettings.from(settings))));
            try (AclAdmin admin = new AclAdmin(CommonSettings.kafkaClient(settings))) {
                AclPlan plan = AclPlan.of(roles.bindings(), admin.existing());
                plan.missing().forEach(binding -> out.println(AclPlan.describe(binding)));
                if (!dryRun) {
                    admin.add(plan.missing());
                }
                out.println(plan.isEmpty() ? "acls: nothing changed (" + plan.inPlace() + " in place)"
                        : dryRun ? "acls: dry run, " + plan.missing().size() + " to add, nothing changed"
                        : "acls: " + plan.missing().size() + " added, " + plan.inPlace() + " already in place");
            }
        }
    }
}
