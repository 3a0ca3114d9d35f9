package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The regional hub's Kustomize overlay (k8s/hub): built on the base, `flowwatch hub` as a workload with the same
 * probes, requests and secret files as the base's, and the app accepting the hub's settings laid over the base's.
 */
class HubOverlayTest {

    private static final Path HUB = Path.of("k8s", "hub");

    @Test
    @SuppressWarnings("unchecked")
    void shouldBuildOnTheBaseAndAddTheLink() throws IOException {
        Map<String, Object> kustomization = load(HUB.resolve("kustomization.yaml"));
        assertThat((List<String>) kustomization.get("resources")).containsExactly("../base", "hub-link-deployment.yaml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldProbeTheLinkOnItsOpsPortAndMountItsSecrets() throws IOException {
        Map<String, Object> deployment = load(HUB.resolve("hub-link-deployment.yaml"));
        Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) deployment.get("spec")).get("template")).get("spec");
        Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
        assertThat((List<String>) container.get("args")).containsExactly("hub");
        assertThat(container).containsKeys("readinessProbe", "livenessProbe", "resources");
        assertThat((Map<String, Object>) ((Map<String, Object>) container.get("readinessProbe")).get("httpGet")).containsEntry("port", "ops");
        assertThat((List<Map<String, Object>>) container.get("volumeMounts")).extracting(mount -> mount.get("mountPath"))
                .containsExactly("/etc/flowwatch/secrets");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldHaveItsSettingsAcceptedByTheApp() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.putAll((Map<String, String>) load(Path.of("k8s", "base", "configmap.yaml")).get("data"));
        environment.putAll((Map<String, String>) load(HUB.resolve("hub-config.yaml")).get("data"));
        String config = FlowwatchConfigCheck.accepts(environment);
        assertThat(config).contains("hub.name=syunik  [env]", "hub.centre.bootstrap.servers=kafka.centre.example.org:9093  [env]")
                .containsPattern("hub\\.centre\\.kafka\\.sasl\\.jaas\\.config=\\*\\*\\*\\*");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return (Map<String, Object>) new Yaml().load(reader);
        }
    }
}
