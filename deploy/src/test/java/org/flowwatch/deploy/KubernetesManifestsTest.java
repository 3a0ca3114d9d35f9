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
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No cluster here: the Kustomize base is checked for what a cluster would reject or an operator would regret:
 * every listed resource exists and parses; the streams StatefulSet has persistent state and two replicas; every
 * workload (streams, dispatcher, gateway, ops centre) has probes on its ops port, resource requests and the secrets
 * its settings read mounted as files; the disruption budget selects its pods; services select pods that exist; and
 * the app accepts each workload's settings (the ConfigMap and its own env).
 */
class KubernetesManifestsTest {

    private static final Path BASE = Path.of("k8s", "base");
    private static final List<Map<String, Object>> RESOURCES = new ArrayList<>();
    private static final List<String> WORKLOADS = List.of("flowwatch-streams", "flowwatch-dispatcher", "flowwatch-gateway", "flowwatch-ops");

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        Map<String, Object> kustomization = load(BASE.resolve("kustomization.yaml")).get(0);
        for (String resource : (List<String>) kustomization.get("resources")) {
            RESOURCES.addAll(load(BASE.resolve(resource)));
        }
    }

    @Test
    void shouldListOnlyResourcesThatParse() {
        assertThat(RESOURCES).extracting(resource -> resource.get("kind") + "/" + map(resource, "metadata").get("name"))
                .contains("Namespace/flowwatch", "ConfigMap/flowwatch-config", "Service/flowwatch-streams",
                        "StatefulSet/flowwatch-streams", "PodDisruptionBudget/flowwatch-streams",
                        "Deployment/flowwatch-dispatcher", "Deployment/flowwatch-gateway", "Deployment/flowwatch-ops",
                        "Service/flowwatch-gateway", "Service/flowwatch-ops", "ConfigMap/flowwatch-dispatch-endpoints");
    }

    @Test
    void shouldKeepStreamsStateOnAPersistentVolumeWithTwoReplicas() {
        Map<String, Object> spec = map(workload("flowwatch-streams"), "spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        assertThat(list(spec, "volumeClaimTemplates")).hasSize(1);
        assertThat(list(container("flowwatch-streams"), "volumeMounts"))
                .extracting(mount -> (Object) ((Map<?, ?>) mount).get("mountPath")).contains("/var/lib/flowwatch");
        // static membership under the pod's name, stable across a container restart in a StatefulSet
        assertThat(env(container("flowwatch-streams")).get("FLOWWATCH_STREAMS_INSTANCE_ID")).isEqualTo("$(POD_NAME)");
    }

    @Test
    void shouldProbeReadinessAndLivenessOnTheOpsEndpointOfEveryWorkload() {
        SoftAssertions softly = new SoftAssertions();
        for (String name : WORKLOADS) {
            Map<String, Object> container = container(name);
            softly.assertThat(map(map(container, "readinessProbe"), "httpGet")).as(name)
                    .containsEntry("path", "/ready").containsEntry("port", "ops");
            softly.assertThat(map(map(container, "livenessProbe"), "httpGet")).as(name)
                    .containsEntry("path", "/health").containsEntry("port", "ops");
            softly.assertThat(list(container, "ports")).as(name).extracting(port -> (Object) ((Map<?, ?>) port).get("containerPort"))
                    .contains(9400);
            softly.assertThat(map(map(container, "resources"), "requests")).as(name).containsKeys("cpu", "memory");
            softly.assertThat(map(map(container, "resources"), "limits")).as(name).containsKey("memory");
        }
        softly.assertAll();
    }

    @Test
    void shouldRequestTheStreamsMemoryTheBenchmarksMeasured() {
        // docs/benchmarks.md: RSS 752 MiB under load, 762 MiB at peak; heap 134 MiB after a full GC
        Map<String, Object> resources = map(container("flowwatch-streams"), "resources");
        assertThat(mebibytes(map(resources, "requests").get("memory"))).isBetween(752, 1024);
        assertThat(mebibytes(map(resources, "limits").get("memory"))).isGreaterThan(762);
        assertThat(env(container("flowwatch-streams")).get("JAVA_TOOL_OPTIONS")).containsPattern("-Xmx(2[5-9]\\d|[3-5]\\d\\d)m");
    }

    @Test
    void shouldMountTheSecretsEveryWorkloadReadsAsFiles() {
        SoftAssertions softly = new SoftAssertions();
        for (String name : WORKLOADS) {
            Map<String, Object> podSpec = map(map(map(workload(name), "spec"), "template"), "spec");
            softly.assertThat(list(podSpec, "volumes")).as(name + " volumes").anySatisfy(volume ->
                    assertThat(map(cast(volume), "secret")).containsEntry("secretName", "flowwatch-secrets"));
            softly.assertThat(list(container(name), "volumeMounts")).as(name).anySatisfy(mount ->
                    assertThat(cast(mount)).containsEntry("mountPath", "/etc/flowwatch/secrets").containsEntry("readOnly", true));
        }
        softly.assertAll();
    }

    @Test
    void shouldLetTheDisruptionBudgetAndServicesSelectPodsThatExist() {
        Map<String, Object> streamsLabels = podLabels(workload("flowwatch-streams"));
        Map<String, Object> pdb = resource("PodDisruptionBudget", "flowwatch-streams");
        assertThat(streamsLabels).containsAllEntriesOf(map(map(map(pdb, "spec"), "selector"), "matchLabels"));
        assertThat(map(pdb, "spec")).containsEntry("minAvailable", 1);
        for (String name : List.of("flowwatch-streams", "flowwatch-gateway", "flowwatch-ops")) {
            assertThat(podLabels(workload(name))).as(name).containsAllEntriesOf(map(map(resource("Service", name), "spec"), "selector"));
        }
    }

    @Test
    void shouldGiveEveryWorkloadOnlySettingsTheAppAccepts() throws Exception {
        Map<String, String> shared = new LinkedHashMap<>();
        map(resource("ConfigMap", "flowwatch-config"), "data").forEach((key, value) -> shared.put(key, String.valueOf(value)));
        for (String name : WORKLOADS) {
            Map<String, String> settings = new LinkedHashMap<>(shared);
            env(container(name)).forEach((key, value) -> {
                if (key.startsWith("FLOWWATCH_")) {
                    settings.put(key, value.replace("$(POD_NAME)", name + "-0"));
                }
            });
            String config = FlowwatchConfigCheck.accepts(settings);
            assertThat(config).as(name).contains("ops.health.public=true  [env]")
                    .containsPattern("http.api.token=\\*\\*\\*\\* \\(from \\$\\{file:[^}]*/api-token}\\)  \\[env]");
        }
        assertThat(FlowwatchConfigCheck.accepts(Map.of("FLOWWATCH_STREAMS_STATE_DIR",
                env(container("flowwatch-streams")).get("FLOWWATCH_STREAMS_STATE_DIR"))))
                .contains("streams.state.dir=/var/lib/flowwatch/streams  [env]");
    }

    private static Map<String, Object> resource(String kind, String name) {
        return RESOURCES.stream().filter(r -> kind.equals(r.get("kind")) && name.equals(map(r, "metadata").get("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + BASE));
    }

    private static Map<String, Object> workload(String name) {
        return RESOURCES.stream().filter(r -> List.of("StatefulSet", "Deployment").contains(r.get("kind"))
                && name.equals(map(r, "metadata").get("name"))).findFirst().orElseThrow(() -> new AssertionError("no workload " + name));
    }

    private static Map<String, Object> container(String workload) {
        Map<String, Object> podSpec = map(map(map(workload(workload), "spec"), "template"), "spec");
        return cast(list(podSpec, "containers").get(0));
    }

    private static Map<String, Object> podLabels(Map<String, Object> workload) {
        return map(map(map(map(workload, "spec"), "template"), "metadata"), "labels");
    }

    /** The container's literal env values (values from fields or secrets are left out). */
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        list(container, "env").forEach(variable -> {
            Map<String, Object> entry = cast(variable);
            if (entry.containsKey("value")) {
                env.put((String) entry.get("name"), String.valueOf(entry.get("value")));
            }
        });
        return env;
    }

    private static int mebibytes(Object quantity) {
        String text = String.valueOf(quantity);
        return text.endsWith("Gi") ? Integer.parseInt(text.replace("Gi", "")) * 1024 : Integer.parseInt(text.replace("Mi", ""));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return cast(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> parent, String key) {
        return (List<Object>) parent.getOrDefault(key, List.of());
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
