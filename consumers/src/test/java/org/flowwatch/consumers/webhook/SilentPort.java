package org.flowwatch.consumers.webhook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A port on 127.0.0.1 whose host seems unreachable: a connect gets no answer at all and times out, as behind a
 * firewall that drops packets or to a host that is off. Made without root: a listener that never accepts, its accept
 * queue filled, so Linux drops every further SYN. {@link #close()} frees the port for a real server.
 */
final class SilentPort implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 300;
    private static final int MAX_FILLERS = 8;

    private final ServerSocket listener;
    private final List<Socket> fillers;

    private SilentPort(ServerSocket listener, List<Socket> fillers) {
        this.listener = listener;
        this.fillers = fillers;
    }

    /** Empty when this machine answers every connect anyway (then no silent port can be made this way). */
    static Optional<SilentPort> open() {
        try {
            ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            List<Socket> fillers = new ArrayList<>();
            for (int n = 0; n < MAX_FILLERS; n++) {
                Socket filler = new Socket();
                try {
                    filler.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), CONNECT_TIMEOUT_MS);
                    fillers.add(filler);
                } catch (SocketTimeoutException full) {
                    filler.close();
                    return Optional.of(new SilentPort(listener, fillers)); // the queue is full: SYNs are dropped now
                }
            }
            new SilentPort(listener, fillers).close();
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return listener.getLocalPort();
    }

    // The listener first: the connections queued on it are reset, so none lingers on the port in TIME_WAIT.
    @Override
    public void close() {
        try {
            listener.close();
            for (Socket filler : fillers) {
                filler.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
