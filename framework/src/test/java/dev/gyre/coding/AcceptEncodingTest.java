package dev.gyre.coding;

import static dev.gyre.middleware.ContentCoding.BROTLI;
import static dev.gyre.middleware.ContentCoding.DEFLATE;
import static dev.gyre.middleware.ContentCoding.GZIP;
import static dev.gyre.middleware.ContentCoding.ZSTD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.gyre.middleware.ContentCoding;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The coding a request's {@code Accept-Encoding} chooses among the offered ones, element by element. */
class AcceptEncodingTest {
    private static final List<ContentCoding> ALL = List.of(BROTLI, ZSTD, GZIP, DEFLATE);

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "gzip | gzip", "GZIP;q=1.0 | gzip", "x-gzip | gzip", "deflate, gzip;q=0.5 | deflate",
            "br;q=1, gzip;q=0.8 | br", "gzip;q=0.8, br;q=1 | br", "br;q=0.2, gzip;q=0.8 | gzip",
            "gzip, br | br", "zstd, gzip | zstd", "zstd;q=0.9, gzip | gzip", "* | br", "*, br;q=0 | zstd",
            "*;q=0.5, gzip | gzip", "br;q=0, zstd;q=0, gzip;q=0, deflate;q=0 | null", "*;q=0 | null",
            "gzip;q=0.000 | null", "gzip;q=oops | null", "gzip;q=2 | null", "gzip; Q=0.3 | gzip",
            "identity | null", "compress | null", "null | null", "'' | null", "' , ;q=1' | null"})
    void theHighestWeightWinsAndTheFirstOfferedOnATie(String header, String expected) {
        ContentCoding chosen = AcceptEncoding.choose(header, ALL);
        assertEquals(expected, chosen == null ? null : chosen.token(), header);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"br, zstd, gzip | gzip", "br | ''", "*, gzip;q=0 | ''", "* | gzip"})
    void onlyWhatIsOfferedCanBeChosen(String header, String expected) {
        ContentCoding chosen = AcceptEncoding.choose(header, List.of(GZIP));
        assertEquals(expected, chosen == null ? "" : chosen.token(), header);
        assertNull(AcceptEncoding.choose(header, List.of()), "nothing offered");
    }
}
