package org.flowwatch.producers.sms;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * SMS into the gateway ({@code gateway.sms.*}): the allow-list of senders, the secret an SMS gateway's webhook
 * presents, and the operator's SMSC to bind to. SMS is off while {@code gateway.sms.senders.file} is empty; the
 * webhook is off without a secret, the SMSC bind without a host.
 */
public record SmsSettings(Optional<Path> sendersFile, Optional<String> webhookSecret, Optional<Smpp> smpp) {

    /** How to bind to the SMSC. {@code receiverOnly}: bind as receiver and open a second bind as transmitter for replies. */
    public record Smpp(String host, int port, String systemId, String password, String systemType, boolean receiverOnly,
                       String sourceAddress, Duration reconnectMaxBackoff, Duration enquireLink) {
    }

    public static SmsSettings from(Settings settings) {
        Optional<String> secret = settings.optional("gateway.sms.webhook.secret");
        if (secret.isPresent() && secret.get().length() < 16) {
            throw new ConfigException("setting 'gateway.sms.webhook.secret' must be at least 16 characters");
        }
        return new SmsSettings(settings.optional("gateway.sms.senders.file").map(Path::of), secret,
                settings.optional("gateway.sms.smpp.host").map(host -> smpp(host, settings)));
    }

    public boolean enabled() {
        return sendersFile.isPresent();
    }

    private static Smpp smpp(String host, Settings settings) {
        String bind = settings.string("gateway.sms.smpp.bind").toLowerCase(Locale.ROOT);
        if (!bind.equals("transceiver") && !bind.equals("receiver")) {
            throw new ConfigException("setting 'gateway.sms.smpp.bind' must be transceiver or receiver, got '" + bind + "'");
        }
        String systemId = settings.string("gateway.sms.smpp.system.id");
        String password = settings.optional("gateway.sms.smpp.password").orElse("");
        String systemType = settings.optional("gateway.sms.smpp.system.type").orElse("");
        // SMPP 3.4 field sizes; checked here because jSMPP logs the refused value, and the password is a secret.
        maxLength("gateway.sms.smpp.system.id", systemId, 15);
        maxLength("gateway.sms.smpp.password", password, 8);
        maxLength("gateway.sms.smpp.system.type", systemType, 12);
        return new Smpp(host, settings.integer("gateway.sms.smpp.port"), systemId, password, systemType,
                bind.equals("receiver"), settings.optional("gateway.sms.smpp.source.addr").orElse(""),
                settings.duration("gateway.sms.smpp.reconnect.max.backoff"), settings.duration("gateway.sms.smpp.enquire.link"));
    }

    private static void maxLength(String key, String value, int max) {
        if (value.length() > max) {
            throw new ConfigException("setting '" + key + "' is longer than SMPP allows (" + max + " characters)");
        }
    }
}
