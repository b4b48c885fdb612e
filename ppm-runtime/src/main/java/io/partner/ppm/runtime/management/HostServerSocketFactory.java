package io.partner.ppm.runtime.management;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.server.RMIServerSocketFactory;

/**
 * Opens RMI server sockets on one address. It is a record, so two instances for the same address
 * are equal: RMI then shares one listening port between the registry and the connector, which is
 * what lets JMX work through a single published port (and through a container's port mapping).
 */
record HostServerSocketFactory(InetAddress address) implements RMIServerSocketFactory, Serializable {

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new java.net.InetSocketAddress(address, port), 50);
        return socket;
    }
}
