package io.musicrec.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.musicrec.ids.UserId;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling: the {@code sub} claim the API Gateway JWT authorizer verified. No route takes a
 * user id from the path, the query, the body or a header. Touches no JSON library, so the read
 * function can use it on its hot path.
 */
public final class Caller {

    private Caller() {
    }

    /**
     * The verified subject, or empty when there is none the stores can take: no event, no
     * authorizer, no JWT, no {@code sub}, or one that is not a {@link UserId}.
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
        return UserId.isValid(sub);
    }
}
