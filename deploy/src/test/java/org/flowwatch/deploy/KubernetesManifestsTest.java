package org.flowwatch.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No cluster here: the Kustomize base is checked for what a cluster would reject or an operator would regret:
 * every listed resource exists and parses, the streams StatefulSet has persistent state, probes on the ops port,
 * resource requests and two replicas, the disruption budget selects its pods, and the app accepts the ConfigMap.
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("k8s", "base");
    private static final Map<String, Map<String, Object>> BY_KIND = new LinkedHashMap<>();

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> kustomization = load(BASE.resolve("kustomization.yaml")).get(0);
        for (String resource : (List<String>) kustomization.get("resources")) {
            load(BASE.resolve(resource)).forEach(doc -> BY_KIND.put((String) doc.get("kind"), doc));
        }
    }

    @Test
    void shouldListOnlyResourcesThatParse() {
        assertThat(BY_KIND).containsKeys("Namespace", "ConfigMap", "Service", "StatefulSet", "PodDisruptionBudget");
    }

    @Test
    void shouldKeepStreamsStateOnAPersistentVolumeWithTwoReplicas() {
        Map<String, Object> spec = map(BY_KIND.get("StatefulSet"), "spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(list(spec, "volumeClaimTemplates")).hasSize(1);
        Map<String, Object> container = container();
        assertThat(list(container, "volumeMounts")).extracting(mount -> (Object) ((Map<?, ?>) mount).get("mountPath"))
                .containsExactly("/var/lib/flowwatch");
    }

    @Test
    void shouldProbeReadinessAndLivenessOnTheOpsEndpoint() {
        Map<String, Object> container = container();
        assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/ready").containsEntry("port", "ops");
        assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/health").containsEntry("port", "ops");
        assertThat(list(container, "ports")).extracting(port -> (Object) ((Map<?, ?>) port).get("containerPort")).containsExactly(9400);
        assertThat(map(map(container, "resources"), "requests")).containsKeys("cpu", "memory");
    }

    @Test
    void shouldLetTheDisruptionBudgetSelectTheStreamsPods() {
        Map<String, Object> podLabels = map(map(map(map(BY_KIND.get("StatefulSet"), "spec"), "template"), "metadata"), "labels");
        Map<String, Object> selected = map(map(map(BY_KIND.get("PodDisruptionBudget"), "spec"), "selector"), "matchLabels");
        assertThat(podLabels).containsAllEntriesOf(selected);
        assertThat(map(BY_KIND.get("PodDisruptionBudget"), "spec")).containsEntry("minAvailable", 1);
    }

    @Test
    void shouldGiveTheAppOnlySettingsItAccepts() throws Exception {
        Map<String, String> data = new LinkedHashMap<>();
        map(BY_KIND.get("ConfigMap"), "data").forEach((key, value) -> data.put(key, String.valueOf(value)));
        assertThat(FlowwatchConfigCheck.accepts(data)).contains("streams.state.dir=/var/lib/flowwatch/streams  [env]");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container() {
        Map<String, Object> podSpec = map(map(map(BY_KIND.get("StatefulSet"), "spec"), "template"), "spec");
        return (Map<String, Object>) list(podSpec, "containers").get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) parent.get(key);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            new Yaml().loadAll(reader).forEach(doc -> docs.add((Map<String, Object>) doc));
        }
        return docs;
    }
}
