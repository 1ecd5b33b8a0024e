package io.musicrec.local.services.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that accepts every connection and never answers: what a frozen database, a stalled S3
 * or a black-holed network looks like to a client once its TCP connection is up. A socket stand-in
 * for timeout tests (not a mock of any client: the real driver or SDK talks to it and waits).
 * Optionally it forwards to a real server until {@link #stall()}: then open connections stop
 * carrying bytes and new ones are accepted and left silent.
 */
public final class StalledServer implements AutoCloseable {

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile boolean stalled;

    private StalledServer(InetSocketAddress target, boolean stalled) {
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a server socket", e);
        }
        this.target = target;
        this.stalled = stalled;
        Thread acceptor = new Thread(this::accept, "stalled-server-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server that never answers anything. */
    public static StalledServer start() {
        return new StalledServer(null, true);
    }

    /** A pass-through to {@code host:port} until {@link #stall()}. */
    public static StalledServer forwardingTo(String host, int port) {
        return new StalledServer(new InetSocketAddress(host, port), false);
    }

    /** The port it listens on (loopback). */
    public int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** From now on no byte passes, either way, on open or new connections; nothing is closed. */
    public void stall() {
        stalled = true;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            sockets.add(client);
            if (!stalled && target != null) {
                try {
                    Socket upstream = new Socket();
                    upstream.connect(target, 2000);
                    sockets.add(upstream);
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // The client's reads will simply wait, as on a stalled server.
                }
            }
        }
    }

    /** Copies bytes from one socket to the other while not stalled; once stalled, holds them. */
    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try {
                int n;
                while ((n = from.getInputStream().read(buffer)) >= 0) {
                    while (stalled && !server.isClosed()) {
                        Thread.sleep(50);
                    }
                    to.getOutputStream().write(buffer, 0, n);
                    to.getOutputStream().flush();
                }
                to.shutdownOutput();
            } catch (IOException | InterruptedException e) {
                // One side went away: the test is over for this connection.
            }
        }, "stalled-server-pump");
        thread.setDaemon(true);
        thread.start();
    }

    /** Closes the server and every connection it holds. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Closing anyway.
            }
        }
    }
}
