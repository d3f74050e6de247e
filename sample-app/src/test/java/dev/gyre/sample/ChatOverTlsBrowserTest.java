package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gyre.sample.browser.Chromium;
import dev.gyre.server.GyreServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat page over HTTPS in headless Chromium, with a self-signed certificate the browser is told to
 * accept: the page connects with {@code wss://} and a line typed in one tab shows in the other.
 */
class ChatOverTlsBrowserTest {
    private static final Duration UI_TIMEOUT = Duration.ofSeconds(10);
    private static GyreServer server;
    private static Chromium browser;

    @BeforeAll
    static void start() throws Exception {
        server = SampleApp.start(SelfSignedCertificate.make().options());
        browser = Chromium.launch(List.of("--ignore-certificate-errors"));
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.stop(Duration.ofSeconds(1));
            }
        }
    }

    @Test
    @Timeout(60)
    void aLineTypedInOneTabShowsInTheOtherOverWss() {
        Chromium.Page alice = open();
        Chromium.Page bob = open();
        assertEquals("https:", alice.evaluate("location.protocol").asText());
        alice.evaluate("document.getElementById('input').value = 'hello over wss'");
        alice.click("#send");
        bob.waitFor("[...document.querySelectorAll('#messages li')].map(li => li.textContent)"
                + ".includes('hello over wss')", UI_TIMEOUT);
    }

    private static Chromium.Page open() {
        Chromium.Page page = browser.newPage();
        page.navigate("https://localhost:" + server.addresses().get(1).getPort() + "/chat?room=tls");
        page.waitFor("document.getElementById('status')?.textContent === 'connected'", UI_TIMEOUT);
        return page;
    }
}
