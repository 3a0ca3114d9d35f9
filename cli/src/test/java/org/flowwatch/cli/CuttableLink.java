package org.flowwatch.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP link to a loopback port that a test can cut: {@link #cut()} drops every open connection and refuses new
 * ones until {@link #restore()}, as a failed line to the centre would. A broker advertises this link's port, so
 * every client reaches it through the link, not only the bootstrap connection.
 */
final class CuttableLink implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;

    private CuttableLink(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    static CuttableLink to(int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        CuttableLink link = new CuttableLink(server, targetPort);
        TcpForwarder.daemon(link::acceptAll);
        return link;
    }

    int port() {
        return server.getLocalPort();
    }

    void cut() {
        cut = true;
        open.forEach(TcpForwarder::closeQuietly);
        open.clear();
    }

    void restore() {
        cut = false;
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    TcpForwarder.closeQuietly(client);
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                TcpForwarder.daemon(() -> pipe(client, target));
                TcpForwarder.daemon(() -> pipe(target, client));
            } catch (IOException closedOrRefused) {
                // closed: the loop ends; a refused target: that one client sees its connection drop
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        TcpForwarder.pipe(from, to);
        open.remove(from);
        open.remove(to);
    }

    @Override
    public void close() throws IOException {
        server.close();
        cut();
    }
}
