package org.flowwatch.embedded;

/**
 * A fixed port asked for by the caller is already bound on 127.0.0.1.
 *
 * <p>Thrown before anything is formatted or spawned, so a failed start leaves no half-made state behind and the
 * message tells the user which component to move to which other port.
 */
public final class PortInUseException extends RuntimeException {

  private final String component;
  private final int port;

  public PortInUseException(String component, int port) {
    super("port " + port + " for " + component + " is already in use");
    this.component = component;
    this.port = port;
  }

  /** The component that wanted the port, e.g. {@code kafka} or {@code registry}. */
  public String component() {
    return component;
  }

  public int port() {
    return port;
  }
}
