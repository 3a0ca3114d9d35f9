package org.flowwatch.consumers.sms;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.flowwatch.consumers.webhook.EndpointsFile;
import org.flowwatch.consumers.webhook.EndpointsFile.FilterSpec;
import org.flowwatch.consumers.webhook.EndpointsYaml;
import org.flowwatch.consumers.webhook.UrlPolicy;
import org.flowwatch.schemas.avro.SmsChannel;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.config.ValueReferences;

/**
 * Reads the {@code kind: sms} entries of the endpoints file. Numbers, tokens and gateway URLs may be
 * {@code ${file:..}} or {@code ${env:..}} references. A refusal names the endpoint, the recipient and the field, never
 * the number.
 */
public final class SmsEndpointsFile {

    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
    private static final Map<SmsChannel, String> DEFAULT_URL = Map.of(SmsChannel.TWILIO, "https://api.twilio.com");

    private SmsEndpointsFile() {
    }

    public static List<SmsEndpoint> load(Path file, UrlPolicy policy, ValueReferences references) {
        return parse(EndpointsYaml.entries(file), policy, references, "endpoints file " + file);
    }

    static List<SmsEndpoint> parse(String yaml, UrlPolicy policy, ValueReferences references) {
        return parse(EndpointsYaml.entries(yaml), policy, references, "endpoints");
    }

    private static List<SmsEndpoint> parse(List<ObjectNode> entries, UrlPolicy policy, ValueReferences references, String where) {
        Set<String> names = new HashSet<>();
        return EndpointsYaml.ofKind(entries, EndpointsYaml.SMS).stream().map(entry -> {
            String context = where + ", endpoint '" + entry.path("name").asText() + "'";
            SmsEndpoint endpoint = endpoint(EndpointsYaml.as(entry, EndpointSpec.class, context), policy, references, where);
            if (!names.add(endpoint.name())) {
                throw new ConfigException(where + ": endpoint name '" + endpoint.name() + "' is used twice");
            }
            return endpoint;
        }).toList();
    }

    private static SmsEndpoint endpoint(EndpointSpec spec, UrlPolicy policy, ValueReferences references, String where) {
        String name = EndpointsFile.checkedName(spec.name(), where + ": endpoint");
        String context = where + ", endpoint '" + name + "'";
        SmsChannel via = EndpointsFile.field(context, "via", () -> SmsChannel.valueOf(String.valueOf(spec.via()).toUpperCase()));
        double perMinute = spec.ratePerMinute() == null ? 30 : spec.ratePerMinute();
        int maxParts = spec.maxParts() == null ? 3 : spec.maxParts();
        if (!(perMinute > 0) || maxParts < 1 || maxParts > 10) {
            throw new ConfigException(context + ": ratePerMinute must be above 0 and maxParts 1 to 10");
        }
        if (spec.recipients() == null || spec.recipients().isEmpty()) {
            throw new ConfigException(context + ": recipients are missing");
        }
        Optional<String> url = resolved(references, context, "url", spec.url());
        Optional<URI> gateway = url.or(() -> Optional.ofNullable(DEFAULT_URL.get(via))).map(text -> gatewayUrl(text, policy, context));
        SmsEndpoint endpoint = new SmsEndpoint(name, via, recipients(spec, name, references, context), perMinute, maxParts,
                gateway, resolved(references, context, "account", spec.account()), resolved(references, context, "token", spec.token()),
                resolved(references, context, "from", spec.from()));
        checkGatewayFields(endpoint, context);
        return endpoint;
    }

    private static List<SmsRecipient> recipients(EndpointSpec spec, String endpoint, ValueReferences references, String context) {
        Set<String> names = new HashSet<>();
        return spec.recipients().stream().map(recipient -> {
            String name = EndpointsFile.checkedName(recipient.name(), context + ": recipient");
            if (!names.add(name)) {
                throw new ConfigException(context + ": recipient '" + name + "' is listed twice");
            }
            String where = context + ", recipient '" + name + "'";
            String number = resolved(references, where, "number", recipient.number()).orElse("").replace(" ", "");
            if (!E164.matcher(number).matches()) {
                throw new ConfigException(where + ": number must be international, + then 7 to 15 digits"); // never echo it
            }
            String language;
            try { // refused here, not at the first alert, where the endpoint's worker would stop on it
                language = Languages.parse(recipient.language()).getLanguage();
            } catch (IllegalArgumentException e) {
                throw new ConfigException(where + ": language must be hy, ru or en, got '" + recipient.language() + "'");
            }
            return new SmsRecipient(endpoint + "/" + name, number,
                    EndpointsFile.filter(recipient.filter(), where), language);
        }).toList();
    }

    private static void checkGatewayFields(SmsEndpoint endpoint, String context) {
        switch (endpoint.via()) {
            case SMPP -> {
                if (endpoint.url().isPresent() || endpoint.account().isPresent() || endpoint.token().isPresent() || endpoint.from().isPresent()) {
                    throw new ConfigException(context + ": url, account, token and from are for twilio and rapidpro; the SMSC is set by sms.smpp.* settings");
                }
            }
            case TWILIO -> {
                if (endpoint.account().isEmpty() || endpoint.token().isEmpty() || endpoint.from().isEmpty()) {
                    throw new ConfigException(context + ": via twilio needs account, token and from");
                }
            }
            case RAPIDPRO -> {
                if (endpoint.url().isEmpty() || endpoint.token().isEmpty()) {
                    throw new ConfigException(context + ": via rapidpro needs url (the workspace) and token");
                }
            }
        }
    }

    private static URI gatewayUrl(String text, UrlPolicy policy, String context) {
        URI url = EndpointsFile.field(context, "url", () -> URI.create(text));
        policy.refusal(url).ifPresent(reason -> {
            throw new ConfigException(context + ": url refused: " + reason);
        });
        return url;
    }

    private static Optional<String> resolved(ValueReferences references, String where, String field, String value) {
        return Optional.ofNullable(references.resolve(where + ", " + field, value)).filter(text -> !text.isBlank());
    }

    record EndpointSpec(String name, String via, Double ratePerMinute, Integer maxParts, String url, String account,
                        String token, String from, List<RecipientSpec> recipients) {
    }

    record RecipientSpec(String name, String number, String language, FilterSpec filter) {
    }
}
