package dev.gyre.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One request over a plain socket, with {@code Connection: close}, and every byte of the answer: a client
 * library might normalise {@code ..} away or hide a body sent after a {@code HEAD}.
 */
final class RawHttp {
    private RawHttp() {
    }

    /**
     * The exact answer: the status line, the header lines in order, and every byte after the blank line.
     */
    record Reply(String statusLine, List<String> headerLines, byte[] body) {
        int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }

        /** The value of the one field of that name, or {@code null}. */
        String header(String name) {
            String prefix = name.toLowerCase(Locale.ROOT) + ": ";
            return headerLines.stream().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(l -> l.substring(prefix.length())).reduce((a, b) -> {
                        throw new AssertionError("two " + name + " fields");
                    }).orElse(null);
        }

        /** The head as text with the {@code Date} line left out, to compare whole heads. */
        String headWithoutDate() {
            StringBuilder head = new StringBuilder(statusLine).append('\n');
            headerLines.stream().filter(l -> !l.startsWith("Date: ")).forEach(l -> head.append(l).append('\n'));
            return head.toString();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends {@code method target} with the given header lines and reads until the server closes. */
    static Reply exchange(int port, String method, String target, String... headerLines) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                .append("Host: x\r\nConnection: close\r\n");
        for (String line : headerLines) {
            request.append(line).append("\r\n");
        }
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            byte[] all = in.readAllBytes();
            int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            if (end < 0) {
                throw new IOException("no complete head in: " + new String(all, StandardCharsets.ISO_8859_1));
            }
            List<String> lines = List.of(new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n"));
            return new Reply(lines.getFirst(), lines.subList(1, lines.size()), Arrays.copyOfRange(all, end + 4,
                    all.length));
        }
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
