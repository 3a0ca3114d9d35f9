package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ValueReferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointsFileTest {

    private static final UrlPolicy PUBLIC_ONLY = new UrlPolicy(false, false);

    @TempDir
    Path dir;

    @Test
    void shouldReadUrlSecretAndHeadersFromFilesAndEnvironmentWhenReferenced() throws Exception {
        // given: the signing secret mounted as a file, the Slack URL and a header token in the environment
        Path secret = Files.writeString(dir.resolve("webhook-secret"), "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\n");
        Path file = Files.writeString(dir.resolve("endpoints.yaml"), """
                endpoints:
                  - name: partner
                    url: "${env:PARTNER_URL}"
                    secret: "${file:%s}"
                    headers: {Authorization: "Bearer ${env:PARTNER_TOKEN}"}
                """.formatted(secret));
        ValueReferences environment = ValueReferences.of(Map.of("PARTNER_URL", "https://partner.example.org/hook",
                "PARTNER_TOKEN", "p4rtner"));

        // when
        Endpoint endpoint = EndpointsFile.load(file, PUBLIC_ONLY, environment).get(0);

        // then
        assertThat(endpoint.url()).hasToString("https://partner.example.org/hook");
        assertThat(endpoint.secret()).hasValue("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(endpoint.headers()).containsEntry("Authorization", "Bearer p4rtner");
    }

    @Test
    void shouldNameEndpointAndFieldWhenAReferencedFileIsMissing() throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("endpoints.yaml"), """
                endpoints:
                  - name: partner
                    url: https://partner.example.org/hook
                    secret: "${file:/run/secrets/absent-webhook-secret}"
                """);

        // when
        Throwable thrown = catchThrowable(() -> EndpointsFile.load(file, PUBLIC_ONLY, ValueReferences.of(Map.of())));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("endpoint 'partner', secret")
                .hasMessageContaining("${file:/run/secrets/absent-webhook-secret}");
    }

    @Test
    void shouldLeaveSmsEntriesToTheSmsReaderWhenKindIsSms() {
        // when
        var endpoints = EndpointsFile.parse("""
                endpoints:
                  - {name: hook, url: https://partner.example.org/hook}
                  - {name: field-sms, kind: sms, via: smpp, recipients: [{name: desk, number: "+37499000000"}]}
                """, PUBLIC_ONLY);

        // then
        assertThat(endpoints).extracting(Endpoint::name).containsExactly("hook");
    }
}
