package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flowwatch.consumers.dashboard.OpsSettings;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ValueReferences;

/**
 * Reads the dispatcher's endpoints file: YAML (JSON is YAML too), one entry per endpoint. Every mistake is refused
 * when the file is loaded, naming the endpoint and the field: an unknown field, a bad format or filter value, a
 * refused URL, a malformed secret or template.
 */
public final class EndpointsFile {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private EndpointsFile() {
    }

    public static List<Endpoint> load(Path file, UrlPolicy policy) {
        return load(file, policy, ValueReferences.of(Map.of()));
    }

    /**
     * The endpoints of {@code file}; {@code url}, {@code secret} and header values may be {@code ${file:..}} or
     * {@code ${env:..}} references (a Slack URL and a signing secret are secrets), resolved with {@code references}.
     */
    public static List<Endpoint> load(Path file, UrlPolicy policy, ValueReferences references) {
        return parse(EndpointsYaml.entries(file), policy, references, "endpoints file " + file);
    }

    static List<Endpoint> parse(String yaml, UrlPolicy policy) {
        return parse(EndpointsYaml.entries(yaml), policy, ValueReferences.of(Map.of()), "endpoints");
    }

    /** The webhook entries ({@code kind: webhook}, the default); SMS entries are read by the sms package. */
    private static List<Endpoint> parse(List<ObjectNode> entries, UrlPolicy policy, ValueReferences references, String where) {
        Set<String> names = new HashSet<>();
        return EndpointsYaml.ofKind(entries, EndpointsYaml.WEBHOOK).stream().map(entry -> {
            EndpointSpec spec = EndpointsYaml.as(entry, EndpointSpec.class, where + ", endpoint '" + entry.path("name").asText() + "'");
            Endpoint parsed = endpoint(spec.resolved(references), policy, where);
            if (!names.add(parsed.name())) {
                throw new ConfigException(where + ": endpoint name '" + parsed.name() + "' is used twice");
            }
            return parsed;
        }).toList();
    }

    /** The name, if it is lower-case letters, digits and dashes (it names consumer groups and metrics). */
    public static String checkedName(String name, String where) {
        String given = name == null ? "" : name;
        if (!NAME.matcher(given).matches()) {
            throw new ConfigException(where + " name '" + given + "' must be lower-case letters, digits and dashes");
        }
        return given;
    }

    private static Endpoint endpoint(EndpointSpec spec, UrlPolicy policy, String where) {
        String name = checkedName(spec.name(), where + ": endpoint");
        String context = where + ", endpoint '" + name + "'";
        URI url = url(spec.url(), policy, context);
        PayloadFormat format = field(context, "format", () -> PayloadFormat.parse(orElse(spec.format(), "json")));
        Optional<String> secret = Optional.ofNullable(spec.secret());
        secret.ifPresent(value -> field(context, "secret", () -> new StandardWebhookSigner(value)));
        Optional<String> template = Optional.ofNullable(spec.template());
        if (format == PayloadFormat.TEMPLATE) {
            field(context, "template", () -> BodyTemplate.parse(template.orElseThrow(() -> new IllegalArgumentException("the template format needs a template"))));
        }
        double rate = spec.ratePerSecond() == null ? 5.0 : spec.ratePerSecond();
        if (!(rate > 0)) {
            throw new ConfigException(context + ": ratePerSecond must be above 0");
        }
        Duration hold = field(context, "firingHold", () -> Duration.parse(orElse(spec.firingHold(), "P7D")));
        Locale language = field(context, "language", () -> Languages.parse(orElse(spec.language(), "en")));
        return new Endpoint(name, url, format, secret, rate, filter(spec.filter(), context),
                spec.headers() == null ? Map.of() : spec.headers(), template,
                orElse(spec.contentType(), AlertJson.CONTENT_TYPE), hold, language, OpsSettings.DEFAULT_TIME_ZONE);
    }

    private static URI url(String text, UrlPolicy policy, String context) {
        if (text == null) {
            throw new ConfigException(context + ": url is missing");
        }
        URI url = field(context, "url", () -> URI.create(text));
        policy.refusal(url).ifPresent(reason -> {
            throw new ConfigException(context + ": url refused: " + reason);
        });
        return url;
    }

    /** The filter of an entry (any list may be missing: any value), refusing unknown kinds and severities. */
    public static AlertFilter filter(FilterSpec spec, String context) {
        if (spec == null) {
            return AlertFilter.ANY;
        }
        return new AlertFilter(
                values(spec.kinds(), value -> field(context, "filter.kinds", () -> AlertKind.valueOf(value.toUpperCase()))),
                values(spec.severities(), value -> field(context, "filter.severities", () -> Severity.valueOf(value.toUpperCase()))),
                values(spec.regions(), Function.identity()),
                values(spec.sites(), Function.identity()));
    }

    private static <T> Set<T> values(List<String> values, Function<String, T> parse) {
        return values == null ? Set.of() : values.stream().map(parse).collect(Collectors.toSet());
    }

    /** {@code parse}'s value, or a refusal naming the entry and the field. */
    public static <T> T field(String context, String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException(context + ": " + field + " is invalid: " + e.getMessage());
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    record EndpointSpec(String name, String url, String format, String secret, Double ratePerSecond, FilterSpec filter,
                        Map<String, String> headers, String template, String contentType, String firingHold,
                        String language) {

        EndpointSpec resolved(ValueReferences references) {
            String where = "endpoint '" + name + "'";
            Map<String, String> resolvedHeaders = new java.util.LinkedHashMap<>();
            if (headers != null) {
                headers.forEach((header, value) -> resolvedHeaders.put(header, references.resolve(where + ", header " + header, value)));
            }
            return new EndpointSpec(name, references.resolve(where + ", url", url), format,
                    references.resolve(where + ", secret", secret), ratePerSecond, filter,
                    headers == null ? null : Map.copyOf(resolvedHeaders), template, contentType, firingHold, language);
        }
    }

    public record FilterSpec(List<String> kinds, List<String> severities, List<String> regions, List<String> sites) {
    }
}
