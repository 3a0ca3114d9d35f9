package org.flowwatch.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A SASL_SSL listener for the embedded broker: TLS with a {@link SelfSignedTls} certificate, SCRAM-SHA-512
 * passwords, and Kafka's {@code StandardAuthorizer} so ACLs apply.
 *
 * <p>The PLAINTEXT listener stays, on loopback, for the embedded admin: its principal ({@code User:ANONYMOUS}) is a
 * super user, as is {@code superUser} (for tools that come in over SASL_SSL). Every other principal gets only what
 * ACLs allow ({@code allow.everyone.if.no.acl.found=false}).
 */
public final class SaslSslListener {

  public static final String MECHANISM = "SCRAM-SHA-512";
  static final String NAME = "SASL_SSL";

  private final int port;
  private final SelfSignedTls tls;
  private final String superUser;
  private final boolean clientCertificates;

  private SaslSslListener(int port, SelfSignedTls tls, String superUser, boolean clientCertificates) {
    this.port = port;
    this.tls = tls;
    this.superUser = superUser;
    this.clientCertificates = clientCertificates;
  }

  /** Makes the TLS stores in {@code dir} and picks a free port; {@code superUser} is a SCRAM user name. */
  public static SaslSslListener create(Path dir, String superUser) {
    return new SaslSslListener(LocalPorts.resolve("kafka sasl_ssl", 0), SelfSignedTls.create(dir), superUser, false);
  }

  /**
   * The same listener asking every client for a certificate its trust store holds (mutual TLS,
   * {@code ssl.client.auth=required}) on top of the SASL login; {@link #clientConfig} then names the client's key store.
   */
  public SaslSslListener withClientCertificates() {
    return new SaslSslListener(port, tls, superUser, true);
  }

  /** {@code 127.0.0.1:port} of this listener. */
  public String bootstrapServers() {
    return LocalPorts.LOOPBACK + ":" + port;
  }

  public SelfSignedTls tls() {
    return tls;
  }

  /**
   * Client settings for {@code user} on this listener, as Kafka names them (prefix them with {@code kafka.} for
   * flowwatch settings).
   */
  public Map<String, String> clientConfig(String user, String password) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("bootstrap.servers", bootstrapServers());
    config.put("security.protocol", NAME);
    config.put("sasl.mechanism", MECHANISM);
    config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user + "\" password=\"" + password + "\";");
    config.put("ssl.truststore.location", tls.trustStore().toString());
    config.put("ssl.truststore.password", tls.password());
    config.put("ssl.truststore.type", "PKCS12");
    if (clientCertificates) {
      // The test authority's one certificate serves as every client's too: the broker trusts what its trust store holds.
      config.put("ssl.keystore.location", tls.keyStore().toString());
      config.put("ssl.keystore.password", tls.password());
      config.put("ssl.key.password", tls.password());
      config.put("ssl.keystore.type", "PKCS12");
    }
    return config;
  }

  /** Broker properties laid over the single-node ones: all three listeners, TLS, SCRAM and the authorizer. */
  Map<String, String> brokerProps(String plaintextAndController, String controllerListener) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("listeners", plaintextAndController + "," + NAME + "://" + bootstrapServers());
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + controllerListener + ":PLAINTEXT," + NAME + ":" + NAME);
    props.put("sasl.enabled.mechanisms", MECHANISM);
    String listener = "listener.name." + NAME.toLowerCase(java.util.Locale.ROOT) + ".";
    props.put(listener + MECHANISM.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put(listener + "ssl.keystore.location", tls.keyStore().toString());
    props.put(listener + "ssl.keystore.password", tls.password());
    props.put(listener + "ssl.key.password", tls.password());
    props.put(listener + "ssl.keystore.type", "PKCS12");
    if (clientCertificates) {
      props.put(listener + "ssl.client.auth", "required");
      props.put(listener + "ssl.truststore.location", tls.trustStore().toString());
      props.put(listener + "ssl.truststore.password", tls.password());
      props.put(listener + "ssl.truststore.type", "PKCS12");
    }
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    // ANONYMOUS is the PLAINTEXT and controller listeners' principal: the embedded admin and the broker itself.
    props.put("super.users", "User:ANONYMOUS;User:" + superUser);
    props.put("allow.everyone.if.no.acl.found", "false");
    return props;
  }
}
