package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: the {@code sub} claim the API Gateway JWT authorizer verified. No route takes a
 * user id from the path, the query, the body or a header. Touches no JSON library, so the read
 * function can use it on its hot path.
 */
public final class Caller {

    /** The longest subject the stores accept: the users table and the cache's key layout (OIDC allows 255 ASCII characters). */
    public static final int MAX_SUBJECT_LENGTH = 255;

    private Caller() {
    }

    /**
     * The verified subject, or empty when there is none the stores can take: no event, no
     * authorizer, no JWT, no {@code sub}, or one that is blank, longer than {@value
     * #MAX_SUBJECT_LENGTH} UTF-16 units, holds a NUL or is not well-formed UTF-16.
     */
    public static Optional<String> subject(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
        String sub = claims == null ? null : claims.get("sub");
        return isUsable(sub) ? Optional.of(sub) : Optional.empty();
    }

    /** Whether {@code sub} is a subject the stores can take (see {@link #subject}). */
    public static boolean isUsable(String sub) {
        if (sub == null || sub.isBlank() || sub.length() > MAX_SUBJECT_LENGTH) {
            return false;
        }
        for (int i = 0; i < sub.length(); i++) {
            char c = sub.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= sub.length() || !Character.isLowSurrogate(sub.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
