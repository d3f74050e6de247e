package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.gyre.sample.browser.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The chat page as people use it, in headless Chromium: two tabs in the same room, a line typed in one shows
 * in both, and the page's SSE clock ticks.
 */
class ChatBrowserTest extends SampleAppInBrowser {

    @Test
    @Timeout(60)
    void aLineTypedInOneTabShowsInTheOtherAndTheClockTicks() {
        Chromium.Page alice = open("browser-test");
        Chromium.Page bob = open("browser-test");

        alice.evaluate("document.getElementById('input').value = 'hello from alice'");
        alice.click("#send");

        String shown = "[...document.querySelectorAll('#messages li')].map(li => li.textContent)"
                + ".includes('hello from alice')";
        bob.waitFor(shown, UI_TIMEOUT);
        alice.waitFor(shown, UI_TIMEOUT); // the sender hears its own line from the server too
        assertEquals(1, bob.evaluate("document.querySelectorAll('#messages li').length").asInt());

        Chromium.Page elsewhere = open("another-room");
        bob.evaluate("document.getElementById('input').value = 'only for browser-test'");
        bob.click("#send");
        alice.waitFor("document.querySelectorAll('#messages li').length === 2", UI_TIMEOUT);
        assertEquals(0, elsewhere.evaluate("document.querySelectorAll('#messages li').length").asInt());

        String clock = "(() => { const t = document.getElementById('clock').textContent;"
                + " return t !== '…' ? t : null; })()";
        String first = alice.waitFor(clock, UI_TIMEOUT).asText();
        String next = alice.waitFor("(() => { const t = document.getElementById('clock').textContent;"
                + " return t !== '…' && t !== " + quote(first) + " ? t : null; })()", UI_TIMEOUT).asText();
        assertNotEquals(first, next, "the SSE clock ticks");
    }

    private static Chromium.Page open(String room) {
        Chromium.Page page = browser.newPage();
        page.navigate(server.url() + "/chat?room=" + room);
        // null-safe: the first evaluations may still see about:blank
        page.waitFor("document.getElementById('status')?.textContent === 'connected'", UI_TIMEOUT);
        return page;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
