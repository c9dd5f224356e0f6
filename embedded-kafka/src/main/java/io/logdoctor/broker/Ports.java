package io.logdoctor.broker;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The two ports a combined KRaft node listens on, picked before start.
 *
 * <p>{@code KafkaRaftServer} does not tell us which port it bound, and the controller port must be
 * written into {@code controller.quorum.voters} up front, so both ports are chosen here and passed in
 * as fixed numbers. A port found free can still be taken before the broker binds it; the caller
 * retries with new ports when that happens.
 */
record Ports(int broker, int controller) {

    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    /** Picks a free controller port, and a free broker port too when {@code brokerPort} is 0. */
    static Ports pick(int brokerPort) {
        // Both sockets stay open until both numbers are read, so the two cannot coincide.
        try (ServerSocket first = new ServerSocket(0, 1, LOOPBACK);
             ServerSocket second = new ServerSocket(0, 1, LOOPBACK)) {
            int controller = first.getLocalPort();
            if (brokerPort == 0) {
                return new Ports(second.getLocalPort(), controller);
            }
            return new Ports(brokerPort, controller == brokerPort ? second.getLocalPort() : controller);
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on " + LOOPBACK.getHostAddress(), e);
        }
    }

    /** Whether something already listens on {@code port} of the loopback address. */
    static boolean inUse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(LOOPBACK, port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Whether either port is held by someone. */
    boolean anyInUse() {
        return inUse(broker) || inUse(controller);
    }

    /** Whether a failed start was caused by a port that could not be bound (a client-port clash). */
    static boolean isBindFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BindException) {
                return true;
            }
        }
        return false;
    }
}
