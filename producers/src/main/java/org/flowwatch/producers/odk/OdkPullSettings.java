package org.flowwatch.producers.odk;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/** Which ODK Central form to pull, as whom, for which post, how often, and where the cursor is kept. */
public record OdkPullSettings(URI url, String project, String form, String user, String password, String postId,
                              Duration pollEvery, int pageSize, Duration maxBackoff, Path cursorFile, GroupSizeLimit groupLimit) {

    public static final String DEFAULTS = "flowwatch/defaults/odk.properties";

    public static OdkPullSettings from(Settings settings) {
        String project = required(settings, "odk.project");
        String form = required(settings, "odk.form");
        URI url;
        try {
            url = URI.create(required(settings, "odk.url").replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'odk.url' is not a URL (from " + settings.layer("odk.url") + ")");
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new ConfigException("setting 'odk.url' must start with https:// (from " + settings.layer("odk.url") + ")");
        }
        int pageSize = settings.integer("odk.page.size");
        if (pageSize < 1) {
            throw new ConfigException("setting 'odk.page.size' must be 1 or more, got " + pageSize);
        }
        Path cursor = settings.optional("odk.cursor.file").map(Path::of).orElse(Path.of(System.getProperty("user.home"),
                ".flowwatch", "odk", project + "-" + form + ".cursor"));
        return new OdkPullSettings(url, project, form, required(settings, "odk.user"), required(settings, "odk.password"),
                required(settings, "odk.post"), settings.duration("odk.poll.every"), pageSize,
                settings.duration("odk.backoff.max"), cursor, GroupSizeLimit.from(settings));
    }

    private static String required(Settings settings, String key) {
        return settings.optional(key).filter(value -> !value.isBlank())
                .orElseThrow(() -> new ConfigException("setting '" + key + "' is required to pull from ODK Central"
                        + " (--set " + key + "=... or FLOWWATCH_" + key.toUpperCase().replace('.', '_') + ")"));
    }

    @Override
    public String toString() {
        return "OdkPullSettings[" + url + " project " + project + " form " + form + " post " + postId + "]"; // no password
    }
}
