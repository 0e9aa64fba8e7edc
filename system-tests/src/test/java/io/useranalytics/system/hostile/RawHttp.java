package io.useranalytics.system.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * Sends bytes as they are, however malformed, over a fresh connection and reads the whole answer:
 * what no HTTP client library would let a test send.
 */
final class RawHttp {
    private final int port;

    RawHttp(int port) {
        this.port = port;
    }

    /** The answer, or an empty one if the server closed the connection without one. */
    Answer exchange(byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (IOException e) {
                // The server may answer and close before reading it all (e.g. 431): read on.
            }
            return Answer.of(readAll(socket.getInputStream()));
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException e) {
            // reset after the answer: what was read stands
        }
        return bytes.toByteArray();
    }

    /** Status code (0 when there was no status line) and the whole raw answer as text. */
    record Answer(int status, String text) {
        static Answer of(byte[] raw) {
            String text = new String(raw, StandardCharsets.ISO_8859_1);
            int status = 0;
            if (text.startsWith("HTTP/1.1 ") && text.length() >= 12) {
                status = Integer.parseInt(text.substring(9, 12));
            }
            return new Answer(status, text);
        }
    }
}
