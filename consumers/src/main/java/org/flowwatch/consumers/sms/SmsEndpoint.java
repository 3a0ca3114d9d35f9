package org.flowwatch.consumers.sms;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.flowwatch.schemas.avro.SmsChannel;

/**
 * An SMS entry of the endpoints file: how the messages leave (an SMPP bind, a Twilio-compatible API, a RapidPro
 * workspace) and who receives which alerts.
 *
 * @param ratePerMinute at most this many alerts a minute through this endpoint (one alert is one SMS or a few parts)
 * @param maxParts      a longer text is shortened with an ellipsis to fit this many parts
 * @param url           Twilio's API base ({@code https://api.twilio.com}) or the RapidPro workspace; none for SMPP
 * @param account       Twilio account SID
 * @param token         Twilio auth token or RapidPro API token (a secret: from {@code ${file:..}} or {@code ${env:..}})
 * @param from          Twilio sender: a number or a messaging service SID ({@code MG...})
 */
public record SmsEndpoint(String name, SmsChannel via, List<SmsRecipient> recipients, double ratePerMinute, int maxParts,
                          Optional<URI> url, Optional<String> account, Optional<String> token, Optional<String> from) {

    public SmsEndpoint {
        recipients = List.copyOf(recipients);
    }

    @Override
    public String toString() {
        return "SmsEndpoint[" + name + " " + via.name().toLowerCase() + " " + recipients.size() + " recipient(s)]";
    }
}
