package org.flowwatch.consumers.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {

    // The example of the Standard Webhooks specification (standardwebhooks.com, "Signature scheme").
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final Instant SPEC_TIME = Instant.ofEpochSecond(1614265330);

    @Test
    void shouldProduceTheSpecificationsSignatureWhenSigningItsExample() {
        // when
        Map<String, String> headers = new StandardWebhookSigner(SPEC_SECRET).headers(SPEC_ID, SPEC_TIME, SPEC_BODY);

        // then
        assertThat(headers).containsEntry("webhook-id", SPEC_ID)
                .containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void shouldRefuseSecretWhenPrefixIsMissing() {
        assertThatThrownBy(() -> new StandardWebhookSigner("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageContaining("whsec_");
    }
}
