package org.flowwatch.consumers.sms;

import java.time.Duration;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * The bind to the operator's SMSC ({@code sms.smpp.*}), read once from the layered configuration. The password is
 * best a {@code ${file:..}} reference; {@code flowwatch config} masks it.
 *
 * @param bindType      {@code transceiver} (receipts come back on the same bind) or {@code transmitter}
 * @param sourceAddress the sender shown on phones: an alphanumeric id (up to 11 characters) or a number
 */
public record SmppSettings(Optional<String> host, int port, String systemId, String password, String systemType,
                           String bindType, String sourceAddress, Duration timeout) {

    public SmppSettings {
        if (!bindType.equals("transceiver") && !bindType.equals("transmitter")) {
            throw new ConfigException("setting 'sms.smpp.bind.type' must be transceiver or transmitter, got '" + bindType + "'");
        }
    }

    public static SmppSettings from(Settings settings) {
        return new SmppSettings(settings.optional("sms.smpp.host"), settings.integer("sms.smpp.port"),
                settings.optional("sms.smpp.system.id").orElse(""), settings.optional("sms.smpp.password").orElse(""),
                settings.optional("sms.smpp.system.type").orElse(""), settings.string("sms.smpp.bind.type"),
                settings.string("sms.smpp.source.address"), settings.duration("dispatch.request.timeout"));
    }

    @Override
    public String toString() {
        return "SmppSettings[" + host.orElse("(none)") + ":" + port + " " + systemId + " " + bindType + "]"; // never the password
    }
}
