package io.telerisk.hub;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code POST /api/v1/auth/token} from a chosen loopback address ({@code 127.0.0.x}), so a test can play several
 * clients on one machine: the login throttle counts per client address. Plain HTTP/1.1 over a socket bound to that
 * address (the JDK's HTTP client cannot choose its local address).
 */
public final class LoginFrom {
    private final String localAddress;
    private final int port;

    /** The answer: status, Retry-After in seconds (0 when absent) and body. */
    public record Answer(int status, long retryAfterSeconds, String body) {
    }

    public LoginFrom(String localAddress, int port) {
        this.localAddress = localAddress;
        this.port = port;
    }

    public Answer post(String jsonBody) {
        return post(jsonBody, "");
    }

    /**
     * With extra header lines, each ending in CRLF (e.g. {@code "X-Forwarded-For: 198.51.100.7\r\n"}), as a proxy
     * in front of the hub or a client forging them would send.
     */
    public Answer post(String jsonBody, String extraHeaders) {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + extraHeaders + "Content-Length: " + body.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = readAll(s.getInputStream());
            int headEnd = answer.indexOf("\r\n\r\n");
            String head = headEnd < 0 ? answer : answer.substring(0, headEnd);
            int status = Integer.parseInt(head.substring(9, 12));
            long retryAfter = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("retry-after:")) retryAfter = Long.parseLong(line.substring(12).trim());
            }
            String rest = headEnd < 0 ? "" : answer.substring(headEnd + 4);
            if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) rest = unchunk(rest);
            return new Answer(status, retryAfter, rest);
        } catch (IOException e) {
            throw new UncheckedIOException("POST /api/v1/auth/token from " + localAddress + " to port " + port + " failed", e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }

    private static String unchunk(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            int eol = s.indexOf("\r\n", i);
            if (eol < 0) break;
            int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
            if (size == 0) break;
            out.append(s, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }
}
