package org.flowwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A broker key store and a client trust store (PKCS12) holding one self-signed certificate for {@code 127.0.0.1},
 * made by the JDK's own {@code keytool} in a child process: no extra library, and the same files an operator
 * would make by hand. For tests and local trials, never for production (the certificate is its own authority).
 */
public record SelfSignedTls(Path keyStore, Path trustStore, String password) {

  private static final String ALIAS = "flowwatch-broker";
  private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

  /** Writes {@code broker.p12} and {@code truststore.p12} into {@code dir}, with a random store password. */
  public static SelfSignedTls create(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create " + dir + " for the TLS stores", e);
    }
    SelfSignedTls tls = new SelfSignedTls(dir.resolve("broker.p12"), dir.resolve("truststore.p12"),
        UUID.randomUUID().toString());
    Path certificate = dir.resolve("broker.pem");
    keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
        "-keystore", tls.keyStore.toString(), "-storetype", "PKCS12", "-storepass", tls.password, "-keypass", tls.password);
    keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", tls.keyStore.toString(), "-storepass", tls.password,
        "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(),
        "-keystore", tls.trustStore.toString(), "-storetype", "PKCS12", "-storepass", tls.password);
    return tls;
  }

  // The password is an argument of a child process on the test machine only; it never reaches a log.
  private static void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException("keytool " + args[0] + " failed: " + output.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run keytool from " + System.getProperty("java.home"), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while keytool ran", e);
    }
  }
}
