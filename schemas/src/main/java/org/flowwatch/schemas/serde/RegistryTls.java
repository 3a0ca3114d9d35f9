package org.flowwatch.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How the registry client checks the registry's certificate ({@code registry.ssl.truststore.*}) and, for mutual TLS,
 * which certificate it shows ({@code registry.ssl.keystore.*}); the same setting names as Kafka's clients. Stores are
 * PKCS12 (or JKS). Written with the JDK's own key managers: the registry client is ours (Confluent's is not
 * reachable), and the JDK's HTTP client takes an {@link SSLContext}, nothing more.
 */
public record RegistryTls(Optional<Path> trustStore, String trustStorePassword, Optional<Path> keyStore, String keyStorePassword) {

    public static final RegistryTls NONE = new RegistryTls(Optional.empty(), "", Optional.empty(), "");

    public boolean isSet() {
        return trustStore.isPresent() || keyStore.isPresent();
    }

    /**
     * The context the client's connections use.
     *
     * @throws IllegalArgumentException naming the setting, when a store cannot be read
     */
    public SSLContext context() {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore.isPresent() ? load(trustStore.get(), trustStorePassword, "registry.ssl.truststore.location") : null);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            if (keyStore.isPresent()) {
                keys.init(load(keyStore.get(), keyStorePassword, "registry.ssl.keystore.location"), keyStorePassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyStore.isPresent() ? keys.getKeyManagers() : null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the registry's TLS settings do not make a TLS context: " + e.getMessage());
        }
    }

    private static KeyStore load(Path file, String password, String setting) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("setting '" + setting + "': cannot read " + file + " (" + e.getMessage()
                    + "); check the file and its password");
        }
    }

    @Override
    public String toString() {
        // Never print the passwords.
        return "RegistryTls[trustStore=" + trustStore.map(Path::toString).orElse("JVM default") + ", keyStore="
                + keyStore.map(Path::toString).orElse("none") + "]";
    }
}
