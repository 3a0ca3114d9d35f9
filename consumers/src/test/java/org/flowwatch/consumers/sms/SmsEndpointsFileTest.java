package org.flowwatch.consumers.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.flowwatch.consumers.sms.SmsAlerts.anAlert;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.flowwatch.consumers.webhook.UrlPolicy;
import org.flowwatch.schemas.avro.AlertKind;
import org.flowwatch.schemas.avro.Severity;
import org.flowwatch.schemas.avro.SmsChannel;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ValueReferences;
import org.junit.jupiter.api.Test;

class SmsEndpointsFileTest {

    private static final UrlPolicy PUBLIC_ONLY = new UrlPolicy(false, false);
    private static final String FILE = """
            endpoints:
              - name: ops-webhook
                url: https://partner.example.org/hook
              - name: field-sms
                kind: sms
                via: smpp
                ratePerMinute: 12
                maxParts: 2
                recipients:
                  - name: goris-coordinator
                    number: "${env:GORIS_NUMBER}"
                    language: hy
                    filter: {sites: [goris], severities: [CRITICAL]}
                  - name: syunik-desk
                    number: "+374 10 123456"
                    filter: {regions: [AM-SU], kinds: [SHORTAGE, RUN_OUT]}
              - name: partner-sms
                kind: sms
                via: twilio
                account: AC0123
                token: "${env:TWILIO_TOKEN}"
                from: MG0001
                recipients:
                  - {name: duty-officer, number: "+37499000000"}
            """;
    private static final ValueReferences ENV = ValueReferences.of(Map.of("GORIS_NUMBER", "+37477111222", "TWILIO_TOKEN", "tw-token"));

    @Test
    void shouldReadSmsEndpointsBesideWebhooksWhenKindIsSms() {
        // when
        List<SmsEndpoint> sms = SmsEndpointsFile.parse(FILE, PUBLIC_ONLY, ENV);

        // then
        assertThat(sms).extracting(SmsEndpoint::name).containsExactly("field-sms", "partner-sms");
        SmsEndpoint field = sms.get(0);
        assertThat(field.via()).isEqualTo(SmsChannel.SMPP);
        assertThat(field.maxParts()).isEqualTo(2);
        assertThat(field.recipients()).extracting(SmsRecipient::reference).containsExactly("field-sms/goris-coordinator", "field-sms/syunik-desk");
        assertThat(field.recipients()).extracting(SmsRecipient::number).containsExactly("+37477111222", "+37410123456");
        assertThat(field.recipients()).extracting(SmsRecipient::language).containsExactly("hy", "en");
        assertThat(sms.get(1).url()).hasValueSatisfying(url -> assertThat(url).hasToString("https://api.twilio.com"));
        assertThat(sms.get(1).token()).hasValue("tw-token");
        assertThat(sms.toString()).as("no number or token printed").doesNotContain("+374").doesNotContain("tw-token");
    }

    @Test
    void shouldSendToRecipientsWhoseFiltersMatchWhenAnAlertComes() {
        // given
        SmsEndpointChannel channel = new SmsEndpointChannel(SmsEndpointsFile.parse(FILE, PUBLIC_ONLY, ENV).get(0), null,
                SmsText.SUMMARY, null, Clock.systemUTC());

        // then
        assertThat(channel.addressees(anAlert("a", "goris", AlertKind.SHORTAGE, Severity.CRITICAL)))
                .containsExactly("field-sms/goris-coordinator", "field-sms/syunik-desk");
        assertThat(channel.addressees(anAlert("b", "goris", AlertKind.CAPACITY, Severity.CRITICAL)))
                .containsExactly("field-sms/goris-coordinator");
        assertThat(channel.addressees(anAlert("c", "goris", AlertKind.RUN_OUT, Severity.WARNING)))
                .containsExactly("field-sms/syunik-desk");
        assertThat(channel.addressees(anAlert("d", "vayk", AlertKind.CAPACITY, Severity.WARNING))).isEmpty();
        assertThat(channel.owns("field-sms/syunik-desk")).isTrue();
        assertThat(channel.owns("field-sms")).isFalse();
        assertThat(channel.ratePerSecond()).isEqualTo(0.2);
    }

    @Test
    void shouldRefuseWithoutEchoingTheNumberWhenItIsNotInternational() {
        // when
        Throwable thrown = catchThrowable(() -> SmsEndpointsFile.parse("""
                endpoints:
                  - {name: s, kind: sms, via: smpp, recipients: [{name: desk, number: "077111222"}]}
                """, PUBLIC_ONLY, ENV));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("recipient 'desk': number")
                .hasMessageNotContaining("077111222");
    }

    @Test
    void shouldRefuseALanguageFlowwatchDoesNotSpeakWhenTheFileIsLoaded() {
        // when
        Throwable thrown = catchThrowable(() -> SmsEndpointsFile.parse("""
                endpoints:
                  - {name: s, kind: sms, via: smpp, recipients: [{name: desk, number: "+37499000000", language: de}]}
                """, PUBLIC_ONLY, ENV));

        // then at load, naming the recipient, not at the first alert
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("recipient 'desk': language must be hy, ru or en, got 'de'");
    }

    @Test
    void shouldRefuseMissingGatewayFieldsUnknownFieldsAndKinds() {
        assertThat(catchThrowable(() -> SmsEndpointsFile.parse("endpoints: [{name: t, kind: sms, via: twilio, "
                + "recipients: [{name: a, number: '+37499000000'}]}]", PUBLIC_ONLY, ENV))).hasMessageContaining("needs account, token and from");
        assertThat(catchThrowable(() -> SmsEndpointsFile.parse("endpoints: [{name: t, kind: sms, via: smpp, retries: 2, "
                + "recipients: [{name: a, number: '+37499000000'}]}]", PUBLIC_ONLY, ENV))).hasMessageContaining("retries");
        assertThat(catchThrowable(() -> SmsEndpointsFile.parse("endpoints: [{name: t, kind: sms, via: carrier-pigeon, "
                + "recipients: [{name: a, number: '+37499000000'}]}]", PUBLIC_ONLY, ENV))).hasMessageContaining("via");
        assertThat(catchThrowable(() -> SmsEndpointsFile.parse("endpoints: [{name: t, kind: fax}]", PUBLIC_ONLY, ENV)))
                .hasMessageContaining("kind must be webhook or sms");
    }
}
