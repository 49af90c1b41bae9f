package org.creativelabs.admin.provisioning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy a test controls, in front of a real server (Keycloak, platform-core): while it is cut, connections are
 * refused at once, so a client sees the server as unreachable without the shared server being stopped.
 */
public final class TcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean cut;
    private volatile boolean hang;
    private volatile Swallow swallow;

    /** The one request, named by a marker in its bytes, whose answer is kept from the client. */
    private static final class Swallow {

        final String marker;
        final CountDownLatch answered = new CountDownLatch(1);
        volatile boolean armed = true;

        Swallow(String marker) {
            this.marker = marker;
        }
    }

    /** One connection: whether the server's answer on it is being swallowed. */
    private static final class Exchange {

        volatile Swallow swallowing;
    }

    private final java.util.List<Socket> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TcpProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        threads.submit(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * From now on, new connections are closed at once, and so are the open ones: a client's idle keep-alive connection
     * must not carry its next request through a cut.
     */
    public void cut() {
        cut = true;
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    public void restore() {
        cut = false;
        hang = false;
    }

    /**
     * The next request whose bytes contain {@code marker} still reaches the server, but the server's answer never reaches
     * the client (which waits); the latch opens once that answer has arrived here. The server did the work, the client
     * never heard: the moment to kill the client.
     */
    CountDownLatch swallowAnswerTo(String marker) {
        Swallow next = new Swallow(marker);
        swallow = next;
        return next.answered;
    }

    /** From now on, new connections are accepted and never answered: a server that hangs. */
    void hang() {
        hang = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (cut) {
                    client.setSoLinger(true, 0);
                    client.close();
                    continue;
                }
                if (hang) {
                    held.add(client);
                    continue;
                }
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(target);
                Exchange exchange = new Exchange();
                threads.submit(() -> pipe(client, target, exchange, true));
                threads.submit(() -> pipe(target, client, exchange, false));
            } catch (IOException e) {
                // closed
            }
        }
    }

    private void pipe(Socket from, Socket to, Exchange exchange, boolean request) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while (!cut && (read = in.read(buffer)) >= 0 && !cut) {
                Swallow armed = swallow;
                if (request
                        && armed != null
                        && armed.armed
                        && new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains(armed.marker)) {
                    armed.armed = false;
                    exchange.swallowing = armed;
                }
                if (!request && exchange.swallowing != null) {
                    exchange.swallowing.answered.countDown();
                    continue;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : held) {
            closeQuietly(socket);
        }
        server.close();
        threads.shutdownNow();
    }
}
