package org.flowwatch.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * Makes a loopback-only server (the registry) reachable on another address of this host, for a process in a network
 * namespace: every connection accepted is piped both ways to the target.
 */
record TcpForwarder(ServerSocket server, int targetPort) implements AutoCloseable {

    static TcpForwarder start(String listenAddress, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(listenAddress), 0));
        TcpForwarder forwarder = new TcpForwarder(server, targetPort);
        daemon(forwarder::acceptAll);
        return forwarder;
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket("127.0.0.1", targetPort);
                daemon(() -> pipe(client, target));
                daemon(() -> pipe(target, client));
            } catch (IOException closedOrRefused) {
                // closed: the loop ends; a refused target: that one client sees its connection drop
            }
        }
    }

    /** Copies {@code from} to {@code to} until either side hangs up, then closes both. */
    static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException connectionEnded) {
            // either side hung up
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    static void daemon(Runnable task) {
        Thread thread = new Thread(task, "tcp-forwarder");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
