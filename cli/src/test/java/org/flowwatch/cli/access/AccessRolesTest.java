package org.flowwatch.cli.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.flowwatch.consumers.webhook.DispatchSettings;
import org.flowwatch.schemas.config.CommonSettings;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.topics.Topics;
import org.flowwatch.streams.runtime.AppTopics;
import org.flowwatch.streams.arrivals.ArrivalsApp;
import org.flowwatch.streams.runtime.StreamsSettings;
import org.flowwatch.streams.sites.SitesApp;
import org.flowwatch.streams.sites.SitesSettings;
import org.junit.jupiter.api.Test;

class AccessRolesTest {

    @Test
    void shouldLetAPostOnlyWriteAndDescribeCrossingsAndHeartbeats() {
        // given
        AccessRoles roles = roles(Map.of("acl.post.principals", "User:post-goris, User:post-kornidzor"));

        // when
        List<String> lines = roles.bindings().stream().map(AclPlan::describe).toList();

        // then
        assertThat(lines).containsExactlyInAnyOrder(
                "allow User:post-goris WRITE on topic flowwatch.crossings.v1",
                "allow User:post-goris DESCRIBE on topic flowwatch.crossings.v1",
                "allow User:post-goris WRITE on topic flowwatch.heartbeats.v1",
                "allow User:post-goris DESCRIBE on topic flowwatch.heartbeats.v1",
                "allow User:post-kornidzor WRITE on topic flowwatch.crossings.v1",
                "allow User:post-kornidzor DESCRIBE on topic flowwatch.crossings.v1",
                "allow User:post-kornidzor WRITE on topic flowwatch.heartbeats.v1",
                "allow User:post-kornidzor DESCRIBE on topic flowwatch.heartbeats.v1");
    }

    @Test
    void shouldLetTheDispatcherWriteRetriesDeadLettersAndSmsReceiptsWhenItIsNamed() {
        // given
        AccessRoles roles = roles(Map.of("acl.dispatcher.principal", "User:dispatcher"));

        // when
        List<AclBinding> bindings = roles.bindings();

        // then
        assertThat(topics(bindings, AclOperation.READ)).containsExactlyInAnyOrder(Topics.ALERT_EVENTS.name(), Topics.WEBHOOK_RETRIES.name());
        assertThat(topics(bindings, AclOperation.WRITE)).containsExactlyInAnyOrder(Topics.WEBHOOK_RETRIES.name(),
                Topics.WEBHOOK_DLQ.name(), Topics.SMS_RECEIPTS.name());
    }

    @Test
    void shouldGiveTheArrivalsAppItsTopologysInputsOutputsAndOwnPrefixes() {
        // given
        AccessRoles roles = roles(Map.of("acl.streams.principal", "User:arrivals"));

        // when
        List<AclBinding> bindings = roles.bindings();

        // then
        assertThat(topics(bindings, AclOperation.READ)).containsExactlyInAnyOrder(Topics.CROSSINGS.name(),
                Topics.HEARTBEATS.name(), Topics.SITES.name());
        assertThat(topics(bindings, AclOperation.WRITE)).containsExactlyInAnyOrder(Topics.CROSSINGS_VALID.name(),
                Topics.DEAD_LETTERS.name(), Topics.ARRIVALS_HOURLY.name(), Topics.ARRIVALS_DAILY.name(),
                Topics.ARRIVALS_ROLLING.name(), Topics.ARRIVALS_LATE.name());
        assertThat(bindings.stream().map(AclPlan::describe)).contains(
                "allow User:arrivals ALL on topic prefix flowwatch-arrivals-",
                "allow User:arrivals WRITE on transactional id prefix flowwatch-arrivals-",
                "allow User:arrivals READ on group flowwatch-arrivals");
    }

    @Test
    void shouldGiveAHubsPrincipalItsLinksTopicsAndGroupAtTheCentreAndNothingOfAnotherHubs() {
        // given
        AccessRoles roles = roles(Map.of("acl.hub.principals", "syunik=User:hub-syunik, tavush=User:hub-tavush"));

        // when
        List<String> syunik = roles.bindings().stream().map(AclPlan::describe).filter(line -> line.contains("User:hub-syunik")).toList();

        // then
        assertThat(syunik).containsExactlyInAnyOrder(
                "allow User:hub-syunik WRITE on topic flowwatch.crossings.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.crossings.v1",
                "allow User:hub-syunik WRITE on topic flowwatch.heartbeats.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.heartbeats.v1",
                "allow User:hub-syunik WRITE on topic flowwatch.supplies.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.supplies.v1",
                "allow User:hub-syunik WRITE on topic flowwatch.sites.movements.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.sites.movements.v1",
                "allow User:hub-syunik READ on topic flowwatch.sites.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.sites.v1",
                "allow User:hub-syunik READ on topic flowwatch.items.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.items.v1",
                "allow User:hub-syunik READ on topic flowwatch.thresholds.v1",
                "allow User:hub-syunik DESCRIBE on topic flowwatch.thresholds.v1",
                "allow User:hub-syunik ALL on topic mm2-offsets.syunik.internal",
                "allow User:hub-syunik ALL on topic mm2-configs.syunik.internal",
                "allow User:hub-syunik ALL on topic mm2-status.syunik.internal",
                "allow User:hub-syunik ALL on topic syunik.checkpoints.internal",
                "allow User:hub-syunik ALL on topic syunik.heartbeats",
                "allow User:hub-syunik ALL on topic mm2-offset-syncs.syunik.internal",
                "allow User:hub-syunik CREATE on topic heartbeats",
                "allow User:hub-syunik WRITE on topic heartbeats",
                "allow User:hub-syunik READ on topic heartbeats",
                "allow User:hub-syunik DESCRIBE on topic heartbeats",
                "allow User:hub-syunik DESCRIBE_CONFIGS on topic heartbeats",
                "allow User:hub-syunik READ on group syunik-mm2");
        assertThat(roles.bindings().stream().map(AclPlan::describe)).contains("allow User:hub-tavush READ on group tavush-mm2")
                .noneMatch(line -> line.contains("User:hub-tavush") && line.contains("syunik"));
    }

    @Test
    void shouldRefuseAHubPrincipalWithoutItsHubNameWhenConfigured() {
        assertThatThrownBy(() -> roles(Map.of("acl.hub.principals", "User:hub-syunik")).bindings())
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'acl.hub.principals' must name each hub once as <hub.name>=User:<name> (hub names of letters,"
                        + " digits, '_' and '-'), got 'User:hub-syunik' (from flags)");
        assertThatThrownBy(() -> roles(Map.of("acl.hub.principals", "syunik=hub-syunik")).bindings())
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'acl.hub.principals' must name principals as User:<name>, got 'hub-syunik' (from flags)");
    }

    @Test
    void shouldGrantNothingWhenNoPrincipalIsNamed() {
        assertThat(roles(Map.of()).bindings()).isEmpty();
    }

    @Test
    void shouldRefuseAPrincipalWithoutItsTypeWhenConfigured() {
        assertThatThrownBy(() -> roles(Map.of("acl.ops.principal", "ops")).bindings())
                .isInstanceOf(ConfigException.class)
                .hasMessage("setting 'acl.ops.principal' must name principals as User:<name>, got 'ops' (from flags)");
    }

    @Test
    void shouldPlanOnlyTheMissingAclsWhenSomeAreInPlace() {
        // given
        List<AclBinding> wanted = roles(Map.of("acl.post.principals", "User:post-goris")).bindings();

        // when
        AclPlan plan = AclPlan.of(wanted, List.of(wanted.get(0), wanted.get(1)));

        // then
        assertThat(plan.missing()).containsExactlyElementsOf(wanted.subList(2, wanted.size()));
        assertThat(plan.inPlace()).isEqualTo(2);
        assertThat(AclPlan.of(wanted, wanted).isEmpty()).isTrue();
    }

    private static List<String> topics(List<AclBinding> bindings, AclOperation operation) {
        return bindings.stream().filter(binding -> binding.pattern().resourceType() == ResourceType.TOPIC)
                .filter(binding -> binding.entry().operation() == operation).map(binding -> binding.pattern().name()).toList();
    }

    private static AccessRoles roles(Map<String, String> flags) {
        Settings settings = CommonSettings.loader().defaults(StreamsSettings.DEFAULTS).defaults(SitesSettings.DEFAULTS)
                .defaults(DispatchSettings.DEFAULTS).defaults("flowwatch/defaults/cli.properties")
                .flags(flags).load();
        return new AccessRoles(settings, AppTopics.of(ArrivalsApp.topology(StreamsSettings.from(settings))),
                AppTopics.of(SitesApp.topology(SitesSettings.from(settings))));
    }
}
