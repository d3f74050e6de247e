package dev.gyre.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.sample.browser.Chromium;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Swagger UI as a front-end developer meets it: the sample app's {@code /docs} in headless Chromium lists the
 * operations, "Try it out" on {@code GET /json} calls the same server and shows its answer, the Authorize
 * dialog logs in through the OAuth2 password flow so that {@code GET /me} answers the user, and the file picker of
 * {@code POST /files} uploads a file.
 */
class SwaggerUiBrowserTest extends SampleAppInBrowser {

    @Test
    @Timeout(30)
    void listsTheOperationsAndTriesOneOut() {
        Chromium.Page page = browser.newPage();
        page.navigate(server.url() + "/docs");

        JsonNode paths = page.waitFor("""
                (() => { const ps = [...document.querySelectorAll('.opblock-summary-path')]
                    .map(e => e.getAttribute('data-path'));
                  return ps.length >= 5 ? ps : null; })()""", UI_TIMEOUT);
        List<String> listed = new ArrayList<>();
        paths.forEach(p -> listed.add(p.asText()));
        assertTrue(listed.containsAll(List.of("/plaintext", "/json", "/echo", "/threads/blocking", "/threads/nonblocking")),
                "listed: " + listed);

        String operation = "#operations-HelloApi-HelloApi_json";
        pressTryItOut(page, operation);
        page.click(operation + " .execute");

        assertEquals("200", shownStatus(page, operation));
        String body = shownBody(page, operation);
        assertTrue(body.contains("\"message\": \"Hello, World!\""), body);
    }

    @Test
    @Timeout(30)
    void uploadsAFileThroughItsFilePicker() {
        Chromium.Page page = browser.newPage();
        page.navigate(server.url() + "/docs");
        String operation = "#operations-FilesApi-FilesApi_upload";
        page.waitFor("!!document.querySelector('" + operation + " .opblock-summary-control')", UI_TIMEOUT);
        pressTryItOut(page, operation);
        page.waitFor("!!document.querySelector('" + operation + " input[type=file]')", UI_TIMEOUT);
        // a real picker cannot be driven headless: the page's own File API puts a file in it, as a user's pick would;
        // the note keeps the example value Swagger UI fills in ("string")
        page.evaluate("""
                (() => { const op = document.querySelector('%s');
                  const file = op.querySelector('input[type=file]');
                  const files = new DataTransfer();
                  files.items.add(new File(['hello from a browser'], 'hello.txt', {type: 'text/plain'}));
                  file.files = files.files;
                  file.dispatchEvent(new Event('change', {bubbles: true}));
                  return true; })()""".formatted(operation));
        page.click(operation + " .execute");
        String status = shownStatus(page, operation);
        String body = shownBody(page, operation);
        assertEquals("200", status, body);
        assertTrue(body.contains("\"filename\": \"hello.txt\"") && body.contains("\"size\": 20")
                && body.contains("\"note\": \"string\""), body);
    }

    @Test
    @Timeout(40)
    void authorizesWithThePasswordFlowAndCallsMe() {
        Chromium.Page page = browser.newPage();
        page.navigate(server.url() + "/docs");
        String operation = "#operations-AuthApi-AuthApi_me";
        page.waitFor("!!document.querySelector('" + operation + "')", UI_TIMEOUT);
        assertEquals("401", tryOut(page, operation), "before authorizing");

        page.click(".auth-wrapper .authorize");
        page.waitFor("!!document.querySelector('#oauth_username')", UI_TIMEOUT);
        page.fill("#oauth_username", "demo");
        page.fill("#oauth_password", "demo");
        page.click(".auth-btn-wrapper .authorize");
        page.waitFor("[...document.querySelectorAll('.auth-btn-wrapper button')].some(b => b.innerText.trim() === 'Logout')",
                UI_TIMEOUT);
        page.click(".auth-btn-wrapper .btn-done");

        assertEquals("200", tryOut(page, operation), "after authorizing");
        String body = shownBody(page, operation);
        assertTrue(body.contains("\"user\": \"demo\""), body);
        JsonNode curl = page.waitFor("(() => { const c = document.querySelector('" + operation
                + " .curl-command'); return c ? c.innerText : null; })()", UI_TIMEOUT);
        assertTrue(curl.asText().contains("Authorization: Bearer "), curl.asText());
    }

    /**
     * Opens the operation if needed, clears an earlier answer, presses "Try it out" and "Execute", and returns the
     * status shown (without
     * the "Undocumented" Swagger UI puts after a status the document does not list).
     */
    private static String tryOut(Chromium.Page page, String operation) {
        if (page.evaluate("!!document.querySelector('" + operation + " .btn-clear')").asBoolean()) {
            page.click(operation + " .btn-clear");
            page.waitFor("!document.querySelector('" + operation + " .live-responses-table')", UI_TIMEOUT);
        }
        if (!page.evaluate("!!document.querySelector('" + operation + " .opblock-body')").asBoolean()) {
            page.click(operation + " .opblock-summary-control");
        }
        page.waitFor("!!document.querySelector('" + operation + " .try-out__btn, " + operation + " .execute')", UI_TIMEOUT);
        if (!page.evaluate("!!document.querySelector('" + operation + " .execute')").asBoolean()) {
            page.click(operation + " .try-out__btn");
        }
        page.waitFor("!!document.querySelector('" + operation + " .execute')", UI_TIMEOUT);
        page.click(operation + " .execute");
        return shownStatus(page, operation);
    }

    /** Opens the operation and presses "Try it out", until "Execute" is there. */
    private static void pressTryItOut(Chromium.Page page, String operation) {
        page.click(operation + " .opblock-summary-control");
        page.waitFor("!!document.querySelector('" + operation + " .try-out__btn')", UI_TIMEOUT);
        page.click(operation + " .try-out__btn");
        page.waitFor("!!document.querySelector('" + operation + " .execute')", UI_TIMEOUT);
    }

    /** The status of the operation's live response, without the "Undocumented" Swagger UI may put after it. */
    private static String shownStatus(Chromium.Page page, String operation) {
        return page.waitFor("(() => { const s = document.querySelector('" + operation
                + " .live-responses-table tbody .response-col_status'); return s ? s.innerText.trim().split(/\\s/)[0] : null; })()",
                UI_TIMEOUT).asText();
    }

    /** The body of the operation's live response, as Swagger UI shows it. */
    private static String shownBody(Chromium.Page page, String operation) {
        return page.waitFor("(() => { const b = document.querySelector('" + operation
                + " .live-responses-table tbody .response-col_description pre'); return b ? b.innerText : null; })()",
                UI_TIMEOUT).asText();
    }
}
