package org.flowwatch.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.schemas.config.Settings;

/**
 * A streams app in a JVM of its own ({@code flowwatch streams run --app arrivals}, or {@code --app all}), so its heap
 * and RSS are not mixed with the broker's. Started from this JVM's class path, with the JVM's default heap sizing.
 */
final class ChildStreamsApp {

    private ChildStreamsApp() {
    }

    /** The bench's kafka.*, registry.* and streams.* settings for an arrivals app of this id and state directory, exactly-once. */
    static Map<String, String> arrivalsSettings(Settings wired, String applicationId, Path stateDir) {
        Map<String, String> settings = ChildJvm.settingsUnder(wired, List.of("kafka.", "registry.", "streams."));
        settings.put("streams.application.id", applicationId);
        settings.put("streams.state.dir", stateDir.toString());
        settings.put("streams.processing.guarantee", BenchReport.EXACTLY_ONCE);
        settings.put("query.http.port", "0");
        settings.put("ops.port", "0");
        return settings;
    }

    /** Both apps' settings: the arrivals app's as above, and the sites app under its own id ({@code --app all}). */
    static Map<String, String> bothAppsSettings(Settings wired, String arrivalsId, String sitesId, Path stateDir) {
        Map<String, String> settings = arrivalsSettings(wired, arrivalsId, stateDir);
        settings.putAll(ChildJvm.settingsUnder(wired, List.of("sites.")));
        settings.put("sites.application.id", sitesId);
        settings.put("sites.query.port", "0");
        return settings;
    }

    static ChildJvm start(Map<String, String> settings, Path log) throws IOException {
        return start(settings, log, List.of(), "arrivals");
    }

    /** {@code flowwatch streams run --app <app>} (arrivals, sites or all) with these JVM flags. */
    static ChildJvm start(Map<String, String> settings, Path log, List<String> jvmFlags, String app) throws IOException {
        return ChildJvm.start("streams app", jvmFlags, Optional.empty(), List.of("streams", "run", "--app", app), settings, log);
    }
}
