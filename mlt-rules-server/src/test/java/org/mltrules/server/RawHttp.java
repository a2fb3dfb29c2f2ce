package org.mltrules.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Hand-written HTTP/1.1 over a socket, for what a well-behaved client cannot send (slow, huge, broken). */
final class RawHttp implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final InputStream in;

    RawHttp(URI base) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(20_000);
        out = socket.getOutputStream();
        in = socket.getInputStream();
    }

    void write(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads until the server closes or nothing comes for the socket timeout; returns what arrived. */
    String readAll() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                b.write(buf, 0, n);
                String s = b.toString(StandardCharsets.UTF_8);
                int headerEnd = s.indexOf("\r\n\r\n");
                if (headerEnd >= 0) {
                    int cl = s.toLowerCase().indexOf("content-length: ");
                    if (cl >= 0 && cl < headerEnd) {
                        int len = Integer.parseInt(s.substring(cl + 16, s.indexOf("\r\n", cl)).trim());
                        if (b.size() >= headerEnd + 4 + len) {
                            break;
                        }
                    }
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException e) {
            // whatever arrived is the answer
        }
        return b.toString(StandardCharsets.UTF_8);
    }

    static int status(String response) {
        if (!response.startsWith("HTTP/1.1 ")) {
            return -1;
        }
        return Integer.parseInt(response.substring(9, 12));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
