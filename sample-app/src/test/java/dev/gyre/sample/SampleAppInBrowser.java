package dev.gyre.sample;

import dev.gyre.sample.browser.Chromium;
import dev.gyre.server.GyreServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sample app on a free port and a headless Chromium, for the tests that look at pages as people do. */
abstract class SampleAppInBrowser {
    static final Duration UI_TIMEOUT = Duration.ofSeconds(10);
    static GyreServer server;
    static Chromium browser;

    @BeforeAll
    static void startAppAndBrowser() throws Exception {
        server = SampleApp.start(new SampleApp.Options(0, 1, 0));
        browser = Chromium.launch();
    }

    @AfterAll
    static void stopAppAndBrowser() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
