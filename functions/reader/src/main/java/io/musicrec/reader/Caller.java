package io.musicrec.reader;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: the {@code sub} claim the API Gateway JWT authorizer verified. Nothing else in
 * the request (path, query, body, headers) names a user.
 */
final class Caller {

    /** The longest subject accepted: the cache's key layout refuses longer ones (OIDC allows 255). */
    static final int MAX_SUBJECT_LENGTH = 255;

    private Caller() {
    }

    /**
     * The verified subject, or empty when the event carries no usable one: no authorizer, no JWT,
     * no {@code sub}, or a {@code sub} that is blank, longer than {@value #MAX_SUBJECT_LENGTH}
     * characters, holds a NUL or is not well-formed UTF-16.
     */
    static Optional<String> subject(APIGatewayV2HTTPEvent event) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getAuthorizer() == null
                || event.getRequestContext().getAuthorizer().getJwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = event.getRequestContext().getAuthorizer().getJwt().getClaims();
        String sub = claims == null ? null : claims.get("sub");
        return isUsable(sub) ? Optional.of(sub) : Optional.empty();
    }

    static boolean isUsable(String sub) {
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
