package io.musicrec.reader;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The sample events in the repository's {@code events/}, read the way the Lambda Java runtime reads them. */
final class Events {

    private static final PojoSerializer<APIGatewayV2HTTPEvent> SERIALIZER =
            LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, Events.class.getClassLoader());

    private Events() {
    }

    /** {@code events/} at the root of the checkout, found upwards from the working directory. */
    static Path directory() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("events")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ directory above " + Path.of("").toAbsolutePath());
    }

    /** A fresh copy of {@code events/<name>}, free to change. */
    static APIGatewayV2HTTPEvent load(String name) {
        try (InputStream in = Files.newInputStream(directory().resolve(name))) {
            return SERIALIZER.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The reader's event, with {@code sub} as the caller. */
    static APIGatewayV2HTTPEvent getRecommendations(String sub) {
        APIGatewayV2HTTPEvent event = load("reader-get-recommendations.json");
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("sub", sub);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }
}
