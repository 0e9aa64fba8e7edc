package io.useranalytics.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 for outage tests: {@link #cut()} drops every connection and refuses new
 * ones, {@link #restore()} listens again on the same port. It counts the connections it accepted
 * and the bytes it passed on to the target.
 */
public final class TcpProxy implements AutoCloseable {
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final int port;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytesToTarget = new AtomicLong();
    private volatile ServerSocket listener;

    public TcpProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.listener = listen(0);
        this.port = listener.getLocalPort();
        acceptInBackground(listener);
    }

    public int port() {
        return port;
    }

    /** Connections accepted so far. */
    public int connections() {
        return connections.get();
    }

    /** Bytes passed on from clients to the target so far. */
    public long bytesToTarget() {
        return bytesToTarget.get();
    }

    /** Closes the listener and every open connection, as a network partition would. */
    public synchronized void cut() {
        closeQuietly(listener);
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    public synchronized void restore() {
        listener = listen(port);
        acceptInBackground(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptInBackground(ServerSocket server) {
        Thread acceptor =
                new Thread(
                        () -> {
                            while (!server.isClosed()) {
                                try {
                                    Socket client = server.accept();
                                    Socket upstream = new Socket(targetHost, targetPort);
                                    sockets.add(client);
                                    sockets.add(upstream);
                                    connections.incrementAndGet();
                                    pump(client, upstream, bytesToTarget);
                                    pump(upstream, client, new AtomicLong());
                                } catch (IOException e) {
                                    // closed by cut(), or the target refused: the client sees a
                                    // drop
                                }
                            }
                        },
                        "tcp-proxy-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void pump(Socket from, Socket to, AtomicLong bytes) {
        Thread pump =
                new Thread(
                        () -> {
                            byte[] buffer = new byte[16 * 1024];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                for (int n; (n = in.read(buffer)) >= 0; ) {
                                    out.write(buffer, 0, n);
                                    out.flush();
                                    bytes.addAndGet(n);
                                }
                            } catch (IOException e) {
                                // one side went away; close both below
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "tcp-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
        }
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // closing on purpose; nothing to decide
        }
    }
}
