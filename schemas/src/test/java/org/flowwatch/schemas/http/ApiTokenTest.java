package org.flowwatch.schemas.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.ConfigLoader;
import org.flowwatch.schemas.config.Settings;
import org.junit.jupiter.api.Test;

class ApiTokenTest {

    private static final String TOKEN = "0123456789abcdef-ops";
    private final ApiToken token = ApiToken.of(TOKEN);

    @Test
    void shouldLetAnyRequestPassWhenNoTokenIsConfigured() {
        assertThat(ApiToken.none().refusal(null, null)).isEmpty();
    }

    @Test
    void shouldPassWhenBearerTokenMatches() {
        assertThat(token.refusal("Bearer " + TOKEN, null)).isEmpty();
        assertThat(token.refusal("bearer " + TOKEN, null)).as("scheme is case-insensitive").isEmpty();
    }

    @Test
    void shouldPassWhenCookieHoldsTokenAndNoHeaderIsSent() {
        assertThat(token.refusal(null, TOKEN)).isEmpty();
    }

    @Test
    void shouldNameTheProblemWithoutEchoingWhenTokenIsMissingOrWrong() {
        assertThat(token.refusal(null, null)).get().asString().contains("needs a token").contains("http.api.token");
        assertThat(token.refusal("Basic dXNlcjpwdw==", null)).get().asString().contains("Bearer <token>");
        assertThat(token.refusal("Bearer wrong-token-guess", null)).get().asString()
                .contains("not the one").doesNotContain("wrong-token-guess").doesNotContain(TOKEN);
        assertThat(token.refusal("Bearer " + TOKEN + "x", null)).as("a longer token is not a match").isPresent();
    }

    @Test
    void shouldRefuseShortTokenNamingSettingWhenConfigured() {
        // given
        Settings settings = ConfigLoader.create().defaults("flowwatch/defaults/common.properties")
                .flags(Map.of(ApiToken.SETTING, "short")).load();

        // when
        Throwable thrown = catchThrowable(() -> ApiToken.from(settings));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("http.api.token")
                .hasMessageContaining("16").hasMessageNotContaining("short'");
    }

    @Test
    void shouldRequireNothingWhenSettingIsEmpty() {
        Settings settings = ConfigLoader.create().defaults("flowwatch/defaults/common.properties").load();
        assertThat(ApiToken.from(settings).required()).isFalse();
        assertThat(ApiToken.from(settings).header()).isNull();
    }
}
