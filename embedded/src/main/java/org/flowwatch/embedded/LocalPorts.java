package org.flowwatch.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;

/**
 * Port choice for components that listen on loopback only, and a free port for tests that start a server or need
 * a port nobody listens on.
 *
 * <p>Port 0 means "any free port". A free port found here is released again before the component binds it, so
 * another process could take it in between; on a developer machine or CI runner that window is small enough.
 */
public final class LocalPorts {

  static final String LOOPBACK = "127.0.0.1";

  private LocalPorts() {}

  /** The port to use: a free one for 0, otherwise {@code port} itself once it is known to be free. */
  static int resolve(String component, int port) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port " + port + " for " + component + " is not between 0 and 65535");
    }
    if (port == 0) {
      return free(component);
    }
    requireFree(component, port);
    return port;
  }

  /**
   * Binds the port the way the component will (loopback, SO_REUSEADDR as Java's server sockets set it on Linux), so
   * "free" here means "bindable there": a port whose last broker just stopped, with connections in TIME_WAIT, is free.
   */
  static void requireFree(String component, int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(loopback(), port));
    } catch (IOException bindFailed) {
      throw new PortInUseException(component, port);
    }
  }

  /** A port free on loopback now (the kernel's choice); {@code component} names it in the error if there is none. */
  public static int free(String component) {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + LOOPBACK + " for " + component, e);
    }
  }

  // IPv4 on purpose: getLoopbackAddress() may answer ::1, while the broker and registry bind 127.0.0.1.
  private static InetAddress loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
