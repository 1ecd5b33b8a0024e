package io.musicrec.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.musicrec.http.Call;
import io.musicrec.http.ClientError;
import io.musicrec.http.Endpoint;
import io.musicrec.http.HttpResponse;
import io.musicrec.http.JsonBody;
import io.musicrec.http.StrictJson;
import java.util.List;
import java.util.Objects;

/**
 * {@code POST /users}: 201 with the new user's document the first time, 200 with the stored
 * document after. Takes no query parameters and no body beyond an optional {@code {}}.
 */
public final class RegisterEndpoint implements Endpoint {

    private final Registration registration;

    /** @param registration the domain service */
    public RegisterEndpoint(Registration registration) {
        this.registration = Objects.requireNonNull(registration, "registration");
    }

    @Override
    public HttpResponse handle(Call call) {
        call.query().allowOnly(List.of());
        if (call.hasBody()) {
            JsonNode body = StrictJson.parse(call.body());
            if (!body.isObject()) {
                throw ClientError.badRequest("invalid_body", "POST /users takes no body (or {}), got " + JsonBody.describe(body));
            }
            JsonBody.onlyFields((ObjectNode) body, "$", List.of());
        }
        Registration.Result result = registration.register(call.caller());
        return HttpResponse.json(result.created() ? 201 : 200, result.document());
    }
}
