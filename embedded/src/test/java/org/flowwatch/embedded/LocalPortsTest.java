package org.flowwatch.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class LocalPortsTest {

  @Test
  void shouldThrowPortInUseNamingComponentWhenPortIsBound() throws Exception {
    try (ServerSocket occupant = boundToLoopback()) {
      // given
      int taken = occupant.getLocalPort();

      // when / then
      assertThatThrownBy(() -> LocalPorts.resolve("registry", taken))
          .isInstanceOf(PortInUseException.class)
          .hasMessage("port " + taken + " for registry is already in use")
          .satisfies(e -> assertThat(((PortInUseException) e).component()).isEqualTo("registry"));
    }
  }

  @Test
  void shouldReturnBindablePortWhenPortIsZero() throws Exception {
    // when
    int port = LocalPorts.resolve("kafka", 0);

    // then
    assertThat(port).isPositive();
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LocalPorts.LOOPBACK))) {
      assertThat(socket.isBound()).isTrue();
    }
  }

  @Test
  void shouldRejectPortWhenOutOfRange() {
    assertThatThrownBy(() -> LocalPorts.resolve("kafka", 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("70000");
  }

  private static ServerSocket boundToLoopback() throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(LocalPorts.LOOPBACK), 0));
    return socket;
  }
}
