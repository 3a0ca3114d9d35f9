package org.flowwatch.cli;

import java.io.PrintWriter;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.serde.HttpSchemaRegistryClient;
import org.flowwatch.schemas.serde.RegistryPlan;
import org.flowwatch.schemas.serde.SubjectChange;
import org.flowwatch.schemas.topics.Topics;
import picocli.CommandLine.Command;

@Command(name = "registry", description = "Manage the contracts in the schema registry.", subcommands = RegistryCommand.Apply.class)
final class RegistryCommand {

    @Command(name = "apply", description = {
            "Register every contract of the topic catalogue under its subject (the canonical text the serializers send) "
                    + "and set each subject's compatibility to BACKWARD, one line per change. Run it before apps that "
                    + "have registry.auto.register=false start.",
            "Exits 1 if the registry refuses a schema (e.g. not BACKWARD compatible with the subject's latest version)."})
    static final class Apply extends ApplyCommand {

        @Override
        int apply(Settings settings, PrintWriter out) {
            HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(CommonSettings.registry(settings));
            RegistryPlan plan = RegistryPlan.of(Topics.ALL, registry);
            for (SubjectChange change : plan.changes()) {
                out.println(change.describe());
                if (!dryRun) {
                    change.apply(registry);
                }
            }
            out.println(summary("registry", plan.changes().size(), RegistryPlan.contracts(Topics.ALL).size() + " subjects checked"));
            return 0;
        }
    }
}
