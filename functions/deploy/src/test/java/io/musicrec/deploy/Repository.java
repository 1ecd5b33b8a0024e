package io.musicrec.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the checkout's files are, found upwards from the working directory. */
final class Repository {

    private Repository() {
    }

    /** The checkout's root: the directory with {@code template.yaml}, {@code pom.xml} and {@code functions/}. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }

    static Path template() {
        return root().resolve("template.yaml");
    }

    static Path events() {
        return root().resolve("events");
    }

    static Path openApi() {
        return root().resolve("functions/http/openapi.yaml");
    }

    /**
     * {@code ../shared/schemas} beside the checkout: data for checks, never copied into the
     * repository. The system property {@code musicrec.sharedSchemas} points elsewhere (or at nothing,
     * to see the skipped path).
     */
    static Path sharedSchemas() {
        String override = System.getProperty("musicrec.sharedSchemas");
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        return root().toAbsolutePath().getParent().resolve("shared").resolve("schemas");
    }
}
