package io.logdoctor.notifier;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on 127.0.0.1 that fails every TLS handshake the way a server with no cipher
 * suite in common does: it reads the ClientHello and answers with a fatal handshake_failure alert
 * (RFC 8446 section 6: record type 21, TLS 1.2 record version, length 2, level fatal, description 40).
 */
final class TlsRefusingServer implements AutoCloseable {

    private static final byte[] HANDSHAKE_FAILURE = {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28};

    private final ServerSocket socket;
    private final AtomicInteger handshakes = new AtomicInteger();

    TlsRefusingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "tls-refusing-server");
        t.setDaemon(true);
        t.start();
    }

    URI uri(String path) {
        return URI.create("https://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** How many handshakes were refused. */
    int handshakes() {
        return handshakes.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept(); InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                if (in.read(new byte[16 * 1024]) > 0) {
                    out.write(HANDSHAKE_FAILURE);
                    out.flush();
                    handshakes.incrementAndGet();
                }
            } catch (IOException e) {
                // a closed server socket ends the loop; a client gone early is nothing
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
