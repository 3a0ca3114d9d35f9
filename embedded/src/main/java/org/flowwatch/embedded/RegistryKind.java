package org.flowwatch.embedded;

import java.util.Locale;

/**
 * Which Apicurio Registry the embedded stack runs ({@code embedded.registry}): 2.6 on this JVM's Java 17, or 3.x,
 * which needs Java 21+ and is started with a newer JDK found on the machine. Both serve the Confluent API under
 * {@code /apis/ccompat/v7}.
 */
public enum RegistryKind {

  APICURIO2("apicurio.home", 17),
  APICURIO3("apicurio3.home", 21);

  private final String homeProperty;
  private final int javaFeature;

  RegistryKind(String homeProperty, int javaFeature) {
    this.homeProperty = homeProperty;
    this.javaFeature = javaFeature;
  }

  /** {@code apicurio2} or {@code apicurio3}; anything else is refused naming both. */
  public static RegistryKind of(String name) {
    for (RegistryKind kind : values()) {
      if (kind.settingValue().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown registry '" + name + "': use apicurio2 or apicurio3");
  }

  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The key of {@code embedded.properties} holding where the build unpacked this registry. */
  String homeProperty() {
    return homeProperty;
  }

  /** The lowest Java feature release this registry runs on. */
  int javaFeature() {
    return javaFeature;
  }
}
