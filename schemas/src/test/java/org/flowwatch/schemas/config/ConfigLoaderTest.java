package org.flowwatch.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

    private static final String DEFAULTS = "config/test-defaults.properties";
    private static final String KEY = "registry.url";

    @TempDir
    Path dir;

    @Test
    void shouldUseDefaultWhenNoOtherLayerSetsKey() {
        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS)
                .env(Map.of(), "FLOWWATCH_").flags(Map.of()).load();

        // then
        assertThat(settings.string(KEY)).isEqualTo("http://defaults-registry:8080/apis/ccompat/v7");
        assertThat(settings.layer(KEY)).contains("defaults").contains(DEFAULTS);
    }

    @Test
    void shouldLetFileOverrideDefaultWhenBothSetKey() throws IOException {
        // given
        Path file = propertiesFile("registry.url=http://file-registry\n");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).file(file)
                .env(Map.of(), "FLOWWATCH_").flags(Map.of()).load();

        // then
        assertThat(settings.string(KEY)).isEqualTo("http://file-registry");
        assertThat(settings.layer(KEY)).contains("file").contains(file.toString());
    }

    @Test
    void shouldLetEnvOverrideFileWhenBothSetKey() throws IOException {
        // given
        Path file = propertiesFile("registry.url=http://file-registry\n");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).file(file)
                .env(Map.of("FLOWWATCH_REGISTRY_URL", "http://env-registry"), "FLOWWATCH_").flags(Map.of()).load();

        // then
        assertThat(settings.string(KEY)).isEqualTo("http://env-registry");
        assertThat(settings.layer(KEY)).isEqualTo("env");
    }

    @Test
    void shouldLetFlagOverrideEnvWhenAllLayersSetKey() throws IOException {
        // given
        Path file = propertiesFile("registry.url=http://file-registry\n");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).file(file)
                .env(Map.of("FLOWWATCH_REGISTRY_URL", "http://env-registry"), "FLOWWATCH_")
                .flags(Map.of(KEY, "http://flag-registry"))
                .load();

        // then
        assertThat(settings.string(KEY)).isEqualTo("http://flag-registry");
        assertThat(settings.layer(KEY)).isEqualTo("flags");
    }

    @Test
    void shouldMapEnvVariableToDottedKeyWhenNameHasPrefix() {
        // given: the real environment also holds PATH, HOME and the like, which must be ignored
        Map<String, String> environment = Map.of(
                "FLOWWATCH_KAFKA_BOOTSTRAP_SERVERS", "broker-1:9092,broker-2:9092",
                "PATH", "/usr/bin",
                "HOME", "/root");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).env(environment, "FLOWWATCH_").load();

        // then
        assertThat(settings.string("kafka.bootstrap.servers")).isEqualTo("broker-1:9092,broker-2:9092");
        assertThat(settings.layer("kafka.bootstrap.servers")).isEqualTo("env");
    }

    @Test
    void shouldReadNumbersAndRefuseOneNamingKeyAndLayerWhenNotANumber() {
        // given
        Settings numbers = ConfigLoader.create().defaults(DEFAULTS).flags(Map.of("app.name", "42")).load();
        Settings words = ConfigLoader.create().defaults(DEFAULTS).flags(Map.of("app.name", "forty-two")).load();

        // then
        assertThat(numbers.integer("app.name")).isEqualTo(42);
        assertThat(numbers.longValue("app.name")).isEqualTo(42L);
        assertThat(numbers.decimal("app.name")).isEqualTo(42.0);
        assertThat(catchThrowable(() -> words.integer("app.name"))).isInstanceOf(ConfigException.class)
                .hasMessage("setting 'app.name' must be a whole number, got 'forty-two' (from flags)");
        assertThat(catchThrowable(() -> words.longValue("app.name"))).hasMessageContaining("must be a whole number");
        assertThat(catchThrowable(() -> words.decimal("app.name"))).hasMessageContaining("must be a number, got 'forty-two'");
    }

    @Test
    void shouldRefuseUnknownKeyNamingFileWhenFileHasTypo() throws IOException {
        // given
        Path file = propertiesFile("registry.ulr=http://typo\n");

        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS).file(file));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.ulr")
                .hasMessageContaining("file " + file);
    }

    @Test
    void shouldRefuseUnknownKeyNamingEnvWhenVariableHasTypo() {
        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS)
                .env(Map.of("FLOWWATCH_WINDOW_GRAEC", "1h"), "FLOWWATCH_"));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.graec")
                .hasMessageContaining("env");
    }

    @Test
    void shouldRefuseUnknownKeyNamingFlagsWhenFlagHasTypo() {
        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS)
                .flags(Map.of("app.nmae", "x")));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("app.nmae")
                .hasMessageContaining("flags");
    }

    @Test
    void shouldAcceptUndeclaredKeyWhenItHasPassThroughPrefix() throws IOException {
        // given
        Path file = propertiesFile("kafka.compression.type=zstd\n");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).passThrough("kafka.")
                .file(file)
                .env(Map.of("FLOWWATCH_KAFKA_LINGER_MS", "20"), "FLOWWATCH_")
                .flags(Map.of("kafka.acks", "all"))
                .load();

        // then
        assertThat(settings.string("kafka.compression.type")).isEqualTo("zstd");
        assertThat(settings.string("kafka.linger.ms")).isEqualTo("20");
        assertThat(settings.string("kafka.acks")).isEqualTo("all");
    }

    @Test
    void shouldRefuseUndeclaredKafkaKeyWhenNoPassThroughIsSet() {
        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS)
                .flags(Map.of("kafka.acks", "all")));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("kafka.acks");
    }

    @Test
    void shouldNamePathWhenConfigFileIsMissing() {
        // given
        Path missing = dir.resolve("absent.properties");

        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS).file(missing));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void shouldNameResourceWhenDefaultsAreMissingFromClasspath() {
        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults("config/absent.properties"));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class).hasMessageContaining("config/absent.properties");
    }

    @Test
    void shouldIgnoreFileWhenNoneIsGiven() {
        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).file(null).load();

        // then
        assertThat(settings.layer(KEY)).contains("defaults");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durations")
    void shouldParseDurationWhenValueHasUnitOrIsIso(String text, Duration expected) {
        // given
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).flags(Map.of("window.grace", text)).load();

        // when
        Duration parsed = settings.duration("window.grace");

        // then
        assertThat(parsed).isEqualTo(expected);
    }

    static Stream<Arguments> durations() {
        return Stream.of(
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("5m", Duration.ofMinutes(5)),
                Arguments.of("6h", Duration.ofHours(6)),
                Arguments.of("7d", Duration.ofDays(7)),
                Arguments.of("PT6H", Duration.ofHours(6)));
    }

    @Test
    void shouldNameKeyAndLayerWhenDurationIsNotADuration() {
        // given
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).flags(Map.of("window.grace", "soon")).load();

        // when
        Throwable thrown = catchThrowable(() -> settings.duration("window.grace"));

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("window.grace")
                .hasMessageContaining("soon")
                .hasMessageContaining("flags");
    }

    @Test
    void shouldStripPrefixWhenSelectingKafkaSettings() {
        // given
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).passThrough("kafka.")
                .flags(Map.of("kafka.acks", "all"))
                .load();

        // when
        Map<String, Object> kafka = settings.withPrefix("kafka.");

        // then
        assertThat(kafka).containsOnly(
                Map.entry("bootstrap.servers", "defaults-broker:9092"),
                Map.entry("acks", "all"));
    }

    @Test
    void shouldMaskSecretsWhenDescribingSettings() {
        // given
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).passThrough("kafka.")
                .flags(Map.of(
                        "registry.basic.auth", "flowwatch:s3cr3t-auth",
                        "kafka.ssl.truststore.password", "tru5t-pw",
                        "kafka.sasl.jaas.config", "PlainLoginModule required password=\"j4as\";",
                        "kafka.ssl.keystore.key", "-----BEGIN PRIVATE KEY----- pr1vkey",
                        "kafka.ssl.key.password", "k3y-pw"))
                .load();

        // when
        String described = settings.describe();

        // then
        assertThat(described)
                .doesNotContain("s3cr3t-auth", "tru5t-pw", "j4as", "pr1vkey", "k3y-pw")
                .contains("registry.basic.auth=****", "kafka.ssl.truststore.password=****", "kafka.sasl.jaas.config=****",
                        "kafka.ssl.keystore.key=****", "kafka.ssl.key.password=****")
                .contains("kafka.bootstrap.servers=defaults-broker:9092")
                .contains("[flags]");
    }

    @Test
    void shouldReadValueFromFileWhenValueIsFileReference() throws IOException {
        // given: a mounted secret ends with a line break, which is not part of it
        Path secret = Files.writeString(dir.resolve("registry-auth"), "flowwatch:s3cr3t-auth\n");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS)
                .env(Map.of("FLOWWATCH_REGISTRY_BASIC_AUTH", "${file:" + secret + "}"), "FLOWWATCH_").load();

        // then
        assertThat(settings.string("registry.basic.auth")).isEqualTo("flowwatch:s3cr3t-auth");
        assertThat(settings.layer("registry.basic.auth")).isEqualTo("env");
    }

    @Test
    void shouldReadValueFromEnvironmentWhenReferenceIsInsideValue() {
        // given: a JAAS line with the password from a variable
        Map<String, String> environment = Map.of("KAFKA_PASSWORD", "j4as-pw");

        // when
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).passThrough("kafka.").env(environment, "FLOWWATCH_")
                .flags(Map.of("kafka.sasl.jaas.config", "ScramLoginModule required username=\"ops\" password=\"${env:KAFKA_PASSWORD}\";"))
                .load();

        // then
        assertThat(settings.string("kafka.sasl.jaas.config"))
                .isEqualTo("ScramLoginModule required username=\"ops\" password=\"j4as-pw\";");
    }

    @Test
    void shouldKeepLiteralWhenReferenceIsEscaped() {
        // when: Kafka's own config providers use the same syntax; $${ leaves it to them
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).passThrough("kafka.")
                .flags(Map.of("kafka.ssl.key.password", "$${file:/etc/kafka/secrets.properties:key}")).load();

        // then
        assertThat(settings.string("kafka.ssl.key.password")).isEqualTo("${file:/etc/kafka/secrets.properties:key}");
    }

    @Test
    void shouldNameSettingAndReferenceWhenFileIsMissing() {
        // given
        Path missing = dir.resolve("absent-secret");

        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS)
                .flags(Map.of("registry.basic.auth", "${file:" + missing + "}")).load());

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.basic.auth")
                .hasMessageContaining("${file:" + missing + "}")
                .hasMessageContaining("flags");
    }

    @Test
    void shouldNameVariableWhenEnvironmentReferenceIsUnset() {
        // when
        Throwable thrown = catchThrowable(() -> ConfigLoader.create().defaults(DEFAULTS).env(Map.of(), "FLOWWATCH_")
                .flags(Map.of("registry.basic.auth", "${env:REGISTRY_AUTH}")).load());

        // then
        assertThat(thrown).isInstanceOf(ConfigException.class)
                .hasMessageContaining("registry.basic.auth").hasMessageContaining("REGISTRY_AUTH");
    }

    @Test
    void shouldMaskValueAndNameFileWhenDescribingFileReference() throws IOException {
        // given: app.name does not look like a secret, but what comes from a file is treated as one
        Path secret = Files.writeString(dir.resolve("name"), "hidden-value");
        Settings settings = ConfigLoader.create().defaults(DEFAULTS).env(Map.of("BROKERS", "b1:9092"), "FLOWWATCH_")
                .flags(Map.of("app.name", "${file:" + secret + "}", "kafka.bootstrap.servers", "${env:BROKERS}")).load();

        // when
        String described = settings.describe();

        // then
        assertThat(described).doesNotContain("hidden-value")
                .contains("app.name=**** (from ${file:" + secret + "})  [flags]")
                .contains("kafka.bootstrap.servers=b1:9092 (from ${env:BROKERS})  [flags]");
    }

    private Path propertiesFile(String content) throws IOException {
        return Files.writeString(dir.resolve("app.properties"), content);
    }
}
