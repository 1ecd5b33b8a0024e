package io.musicrec.trainer.quality;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Last.fm 2K dataset, which is never committed (its terms are non-commercial): the
 * directory in {@code MUSICREC_LASTFM_DIR}, else {@code shared/data/lastfm-2k} beside the checkout
 * or one of its parents.
 */
public final class Lastfm2k {
    private Lastfm2k() {
    }

    public static Optional<Path> locate() {
        String env = System.getenv("MUSICREC_LASTFM_DIR");
        if (env != null && Files.isRegularFile(Path.of(env, "user_artists.dat"))) {
            return Optional.of(Path.of(env));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/lastfm-2k");
            if (Files.isRegularFile(candidate.resolve("user_artists.dat"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
