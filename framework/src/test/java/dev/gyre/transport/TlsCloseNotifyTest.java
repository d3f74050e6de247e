package dev.gyre.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gyre.server.Gyre;
import dev.gyre.server.GyreServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A client that sends its request and its {@code close_notify} in one write, without a TCP FIN: the server reads
 * both at once, answers, and ends the connection as it would after a FIN, instead of waiting for the idle timeout
 * (before, the end of input the engine had seen waited in the transport, where the selector could not report it).
 * Under Conscrypt, which closes both directions on {@code close_notify}, only the prompt close is checked.
 */
class TlsCloseNotifyTest {

    @Test
    void aRequestAndItsCloseNotifyInOneWriteAreAnsweredThenClosed() throws Exception {
        GyreServer server = Gyre.builder().loops(1).listen(0, TestCerts.tls("localhost")).handlers(new TlsHandlers())
                .start();
        try (HeldSocket tcp = new HeldSocket("127.0.0.1", server.addresses().get(0).getPort())) {
            SSLSocket tls = (SSLSocket) TestCerts.trusting("localhost").getSocketFactory()
                    .createSocket(tcp, "localhost", tcp.getPort(), false);
            tls.setEnabledProtocols(new String[] {"TLSv1.3"});
            tls.setSoTimeout(20_000);
            tls.startHandshake();
            tcp.hold();
            tls.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            tls.shutdownOutput();
            tcp.release();
            long start = System.nanoTime();
            String answer = readAll(tls.getInputStream());
            long waitedMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            // BoringSSL (Conscrypt) closes both directions on close_notify, so the answer cannot go out there
            assertTrue(TestCerts.conscrypt() || answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(waitedMillis < 10_000, "the server closed after " + waitedMillis + " ms, not at once");
        } finally {
            server.stop();
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        try {
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
            }
        } catch (javax.net.ssl.SSLException closedWithoutNotify) {
            // the server may close its side right after its own close_notify
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** A TCP socket whose output can be held back and then sent in one write, and that never sends FIN itself. */
    private static final class HeldSocket extends Socket {
        private final ByteArrayOutputStream held = new ByteArrayOutputStream();
        private boolean holding;
        private final OutputStream out;

        HeldSocket(String host, int port) throws IOException {
            super(host, port);
            setTcpNoDelay(true);
            OutputStream raw = super.getOutputStream();
            out = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    if (holding) {
                        held.write(b, off, len);
                    } else {
                        raw.write(b, off, len);
                    }
                }

                @Override
                public void flush() throws IOException {
                    raw.flush();
                }
            };
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public void shutdownOutput() {
            // no FIN: the client's close_notify alone must end the input
        }

        void hold() {
            holding = true;
        }

        void release() throws IOException {
            holding = false;
            out.write(held.toByteArray(), 0, held.size());
        }
    }
}
