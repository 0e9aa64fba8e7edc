package io.useranalytics.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The client and controller ports of a broker: always two different ports. Port 0 means a free one;
 * free ones are found with their sockets all open at once, so two probes cannot return the same
 * port.
 */
record ListenerPorts(int client, int controller) {
    ListenerPorts {
        if (client == controller) {
            throw new IllegalArgumentException(
                    "the client and controller listeners need different ports, both are " + client);
        }
    }

    /** {@code 0} for either picks a free port on {@code host} other than the other one. */
    static ListenerPorts choose(String host, int client, int controller) {
        if (client != 0 && client == controller) {
            return new ListenerPorts(client, controller);
        }
        Deque<Integer> free = threeFreePorts(host);
        free.removeIf(port -> port == client || port == controller);
        return new ListenerPorts(
                client != 0 ? client : free.pop(), controller != 0 ? controller : free.pop());
    }

    /** Three distinct ports, each free when found: at most two can equal the ports asked for. */
    private static Deque<Integer> threeFreePorts(String host) {
        try (ServerSocket a = open(host);
                ServerSocket b = open(host);
                ServerSocket c = open(host)) {
            return new ArrayDeque<>(List.of(a.getLocalPort(), b.getLocalPort(), c.getLocalPort()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + host, e);
        }
    }

    private static ServerSocket open(String host) throws IOException {
        return new ServerSocket(0, 50, InetAddress.getByName(host));
    }
}
