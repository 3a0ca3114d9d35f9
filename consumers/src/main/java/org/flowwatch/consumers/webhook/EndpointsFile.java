package org.flowwatch.consumers.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
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
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
        if (!Files.isReadable(file)) {
            throw new ConfigException("endpoints file " + file + " does not exist or is not readable");
        }
        try {
            return parse(YAML.readValue(file.toFile(), FileSpec.class).resolved(references), policy, "endpoints file " + file);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("endpoints file " + file + ": unknown field '" + e.getPropertyName() + "' (known: "
                    + e.getKnownPropertyIds() + ")");
        } catch (JsonProcessingException e) {
            throw new ConfigException("endpoints file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException("endpoints file " + file + " could not be read: " + e.getMessage());
        }
    }

    static List<Endpoint> parse(String yaml, UrlPolicy policy) {
        try {
            return parse(YAML.readValue(yaml, FileSpec.class), policy, "endpoints");
        } catch (JsonProcessingException e) {
            throw new ConfigException("endpoints are not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static List<Endpoint> parse(FileSpec spec, UrlPolicy policy, String where) {
        if (spec == null || spec.endpoints() == null || spec.endpoints().isEmpty()) {
            throw new ConfigException(where + " lists no endpoints");
        }
        Set<String> names = new HashSet<>();
        return spec.endpoints().stream().map(endpoint -> {
            Endpoint parsed = endpoint(endpoint, policy, where);
            if (!names.add(parsed.name())) {
                throw new ConfigException(where + ": endpoint name '" + parsed.name() + "' is used twice");
            }
            return parsed;
        }).toList();
    }

    private static Endpoint endpoint(EndpointSpec spec, UrlPolicy policy, String where) {
        String name = spec.name() == null ? "" : spec.name();
        if (!NAME.matcher(name).matches()) {
            throw new ConfigException(where + ": endpoint name '" + name + "' must be lower-case letters, digits and dashes");
        }
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

    private static AlertFilter filter(FilterSpec spec, String context) {
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

    private static <T> T field(String context, String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new ConfigException(context + ": " + field + " is invalid: " + e.getMessage());
        }
    }

    private static String orElse(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }

    record FileSpec(List<EndpointSpec> endpoints) {

        FileSpec resolved(ValueReferences references) {
            return endpoints == null ? this : new FileSpec(endpoints.stream().map(endpoint -> endpoint.resolved(references)).toList());
        }
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

    record FilterSpec(List<String> kinds, List<String> severities, List<String> regions, List<String> sites) {
    }
}
