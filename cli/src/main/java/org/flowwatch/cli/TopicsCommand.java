package org.flowwatch.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.TopicAdmin;
import org.flowwatch.schemas.topics.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "topics", description = "Manage flowwatch's topics.", subcommands = TopicsCommand.Create.class)
final class TopicsCommand {

    @Command(name = "create", description = "Create every topic of the catalogue that does not exist yet.")
    static final class Create implements Callable<Integer> {

        @Mixin
        ConfigOptions config;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Settings settings = config.load();
            try (TopicAdmin admin = new TopicAdmin(CommonSettings.kafkaClient(settings))) {
                List<String> created = admin.createMissing(Topics.ALL, CommonSettings.replicationFactor(settings));
                spec.commandLine().getOut().printf("created %d topic(s)%s; %d already existed%n", created.size(),
                        created.isEmpty() ? "" : " " + String.join(", ", created), Topics.ALL.size() - created.size());
            }
            return 0;
        }
    }
}
