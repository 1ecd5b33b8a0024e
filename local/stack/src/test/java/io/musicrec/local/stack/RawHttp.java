package io.musicrec.local.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request written as raw bytes on a connection of its own, and the answer read until the
 * server closes: what HTTP client libraries will not send (a malformed request line, any bytes in
 * the target or a header). The request should ask the server to close ({@code Connection: close})
 * unless it is malformed, which closes anyway.
 */
final class RawHttp {

    /**
     * An answer.
     *
     * @param status  the status code
     * @param headers lower-case names to values
     * @param body    the body
     */
    record Answer(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    /** Sends {@code request} to the loopback {@code port} and reads the answer. */
    static Answer send(int port, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // The server may answer and stop reading before the whole request is written.
            }
            InputStream in = socket.getInputStream();
            return parse(in.readAllBytes(), startsWith(request, "HEAD "));
        }
    }

    /** {@code METHOD target HTTP/1.1}, the headers (name, value, ...), {@code Connection: close} and the body. */
    static byte[] request(String method, String target, byte[] body, String... headers) {
        StringBuilder head = new StringBuilder().append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Connection: close\r\n");
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (body == null) {
            return start;
        }
        byte[] all = Arrays.copyOf(start, start.length + body.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    private static boolean startsWith(byte[] bytes, String text) {
        byte[] prefix = text.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static Answer parse(byte[] bytes, boolean head) throws IOException {
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            throw new IOException("no complete response head in " + bytes.length + " bytes: "
                    + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.ISO_8859_1));
        }
        String[] lines = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x status line: " + lines[0]);
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
                    .add(lines[i].substring(colon + 1).strip());
        }
        byte[] body = Arrays.copyOfRange(bytes, end + 4, bytes.length);
        List<String> length = headers.get("content-length");
        if (length != null && !head && Integer.parseInt(length.get(0)) != body.length) {
            throw new IOException("Content-Length " + length.get(0) + " but " + body.length + " body bytes");
        }
        return new Answer(Integer.parseInt(statusLine[1]), headers, body);
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
