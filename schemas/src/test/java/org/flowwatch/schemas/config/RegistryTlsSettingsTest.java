package org.flowwatch.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryTlsSettingsTest {

    @TempDir
    Path dir;

    @Test
    void shouldUseTheJvmsAuthoritiesWhenNoStoreIsSet() {
        // when
        var registry = CommonSettings.registry(settings(Map.of()));

        // then
        assertThat(registry.tls().isSet()).isFalse();
    }

    @Test
    void shouldNameTheSettingWhenATrustStoreCannotBeRead() throws Exception {
        // given a trust store that is not one, and one that is not there
        Path notAStore = Files.writeString(dir.resolve("truststore.p12"), "not a key store");
        Path missing = dir.resolve("missing.p12");

        // then each is one message naming the setting and the file, with no password in it
        assertThatThrownBy(() -> CommonSettings.registry(settings(Map.of("registry.ssl.truststore.location", notAStore.toString(),
                "registry.ssl.truststore.password", "secret-pw"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.ssl.truststore.location").hasMessageContaining(notAStore.toString())
                .hasMessageNotContaining("secret-pw");
        assertThatThrownBy(() -> CommonSettings.registry(settings(Map.of("registry.ssl.keystore.location", missing.toString()))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("registry.ssl.keystore.location");
    }

    private static Settings settings(Map<String, String> flags) {
        return CommonSettings.loader().env(Map.of(), "FLOWWATCH_").flags(flags).load();
    }
}
