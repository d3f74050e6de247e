package dev.gyre.security;

import dev.gyre.http.Request;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * HTTP Basic authentication (RFC 7617), FastAPI's {@code HTTPBasic}: reads
 * {@code Authorization: Basic base64(user:password)} as {@link BasicCredentials} (UTF-8, the user name ends
 * at the first colon); without one the answer is {@code 401} with {@code WWW-Authenticate: Basic}, plus
 * {@code realm="…"} when a realm is given, which makes browsers show their login dialog. Bad base64, bytes
 * that are not UTF-8 or no colon answer {@code 401 "Invalid authentication credentials"}.
 * Documented as {@code {"type":"http","scheme":"basic"}}.
 */
public final class HttpBasic extends SecurityScheme<BasicCredentials> {
    /** The scheme's name when none is given, as FastAPI names it. */
    public static final String DEFAULT_NAME = "HTTPBasic";

    private final String challenge;

    public HttpBasic() {
        this(DEFAULT_NAME, null);
    }

    /** @param realm the protection space named in the challenge (RFC 7235 §2.2); may be {@code null} */
    public HttpBasic(String name, String realm) {
        super(name);
        if (realm != null && (realm.indexOf('"') >= 0 || realm.indexOf('\\') >= 0)) {
            throw new IllegalArgumentException("a realm cannot hold a quote or a backslash: " + realm);
        }
        this.challenge = realm == null ? "Basic" : "Basic realm=\"" + realm + "\", charset=\"UTF-8\"";
    }

    @Override
    public Map<String, Object> openApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "http");
        scheme.put("scheme", "basic");
        return scheme;
    }

    @Override
    String challenge() {
        return challenge;
    }

    @Override
    BasicCredentials read(Request request) {
        String encoded = AuthorizationField.credentials(request, "basic");
        if (encoded == null) {
            return null;
        }
        String decoded;
        try {
            byte[] bytes = Base64.getDecoder().decode(encoded);
            decoded = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | CharacterCodingException e) {
            throw unauthorized(INVALID);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw unauthorized(INVALID);
        }
        return new BasicCredentials(decoded.substring(0, colon), decoded.substring(colon + 1));
    }
}
