package io.partner.ppm.runtime.management;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMIServerSocketFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Opens RMI server sockets on one address. It is a record, so two instances for the same address
 * are equal: RMI then shares one listening port between the registry and the connector, which is
 * what lets JMX work through a single published port (and through a container's port mapping).
 *
 * <p>It also bounds what clients can make the daemon hold: at most {@link #MAX_CONNECTIONS} open
 * connections (more are closed at once), and at most {@link #MAX_CALL_BYTES} read on a connection
 * before the daemon answers. JRMP is call and answer, so that is the size of one call: a client
 * sending more (a huge string as an argument) loses its connection before the JVM builds the value.
 */
record HostServerSocketFactory(InetAddress address) implements RMIServerSocketFactory, Serializable {

    /** The largest JMX call (operation name, arguments, signature) in bytes. */
    static final int MAX_CALL_BYTES = 1024 * 1024;

    /** Open JMX connections at most; JConsole uses one or two. */
    static final int MAX_CONNECTIONS = 16;

    /** Per JVM: a daemon has one connector (the registry and the connector share this factory). */
    private static final AtomicInteger OPEN = new AtomicInteger();

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new BoundedServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 50);
        return socket;
    }

    /** Accepts {@link CallLimitedSocket}s, closing those over the connection limit. */
    private static final class BoundedServerSocket extends ServerSocket {

        BoundedServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            while (true) {
                CallLimitedSocket socket = new CallLimitedSocket();
                implAccept(socket);
                if (OPEN.incrementAndGet() <= MAX_CONNECTIONS) {
                    socket.counted = true;
                    return socket;
                }
                OPEN.decrementAndGet();
                socket.close();
            }
        }
    }

    /** A socket whose input fails once a call grows past {@link #MAX_CALL_BYTES}. */
    private static final class CallLimitedSocket extends Socket {

        private volatile boolean counted;
        private volatile boolean closed;
        private long sinceAnswer;
        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        int b = super.read();
                        count(b < 0 ? 0 : 1);
                        return b;
                    }

                    @Override
                    public int read(byte[] buffer, int offset, int length) throws IOException {
                        int n = super.read(buffer, offset, length);
                        count(Math.max(n, 0));
                        return n;
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(int b) throws IOException {
                        answered();
                        super.write(b);
                    }

                    @Override
                    public void write(byte[] buffer, int offset, int length) throws IOException {
                        answered();
                        out().write(buffer, offset, length);
                    }

                    private OutputStream out() {
                        return this.out;
                    }
                };
            }
            return out;
        }

        private synchronized void answered() {
            sinceAnswer = 0;
        }

        private synchronized void count(int bytes) throws IOException {
            sinceAnswer += bytes;
            if (sinceAnswer > MAX_CALL_BYTES) {
                close();
                throw new IOException("JMX call larger than " + MAX_CALL_BYTES + " bytes refused");
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (!closed) {
                closed = true;
                if (counted) {
                    OPEN.decrementAndGet();
                }
            }
            super.close();
        }
    }
}
