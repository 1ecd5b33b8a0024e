package io.musicrec.trainer.testing;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.catalog.CatalogImport;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.trainer.synth.SyntheticPlays;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * Training plays for the tests: the catalog imported from the shipped model's artist index, and
 * synthetic listeners ({@link SyntheticPlays}: genres, heavy tails) whose artists are mapped onto
 * catalog ids, loaded as Last.fm base plays or as registered users.
 */
public final class Plays {

    /** The shipped model, found from the module directory the tests run in (the trainer's or the Spark job's). */
    public static final Path SHIPPED_MODEL = shippedModel();

    private static int[] catalogIds;

    private Plays() {
    }

    private static Path shippedModel() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("model-artifacts/lastfm-2k/manifest.json"))) {
                return p.resolve("model-artifacts/lastfm-2k");
            }
        }
        return Path.of("../../model-artifacts/lastfm-2k");
    }

    /** The shipped model's artist ids, ascending. */
    public static synchronized int[] catalogIds() {
        if (catalogIds == null) {
            Model model = ModelArtifact.read(SHIPPED_MODEL);
            catalogIds = model.artists().ids().clone();
        }
        return catalogIds;
    }

    /** Imports the catalog (17,632 artists) from the shipped model's artist index. */
    public static void importCatalog(DatabaseSettings settings) {
        try (Database database = new Database(settings, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(1)),
                Clock.systemUTC())) {
            new CatalogImport(database, Clock.systemUTC()).importModel(SHIPPED_MODEL);
        }
    }

    /** Synthetic plays of {@code users} users over {@code artists} artists (ids 1..artists), {@code nnz} rows. */
    public static PlayMatrix synthetic(int users, int artists, long nnz, long seed, Path scratch) {
        try {
            Path file = Files.createTempFile(scratch, "plays-", ".tsv");
            SyntheticPlays.write(new SyntheticPlays.Spec(users, artists, nnz, seed), file);
            return PlaysTsv.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows {@code from..to} (user ids, inclusive) of {@code plays} as base plays, artist j as the j-th catalog id. */
    public static void insertBase(DatabaseSettings settings, PlayMatrix plays, int from, int to) {
        StringBuilder rows = new StringBuilder();
        forEach(plays, from, to, (user, artist, count) -> rows.append(user).append('\t').append(artist).append('\t').append(count).append('\n'));
        copy(settings, "COPY base_plays (base_user_id, artist_id, plays) FROM STDIN", rows);
    }

    /** Rows {@code from..to} of {@code plays} as registered users {@code prefix<id>}, with their totals. */
    public static void insertUsers(DatabaseSettings settings, PlayMatrix plays, int from, int to, String prefix) {
        StringBuilder users = new StringBuilder();
        StringBuilder rows = new StringBuilder();
        for (int row = 0; row < plays.rows(); row++) {
            int id = plays.rowId(row);
            if (id < from || id > to) {
                continue;
            }
            long total = 0;
            for (int e = plays.rowStart(row); e < plays.rowStart(row + 1); e++) {
                total += plays.plays(e);
            }
            users.append(prefix).append(id).append('\t').append(total).append('\n');
        }
        forEach(plays, from, to, (user, artist, count) -> rows.append(prefix).append(user).append('\t').append(artist).append('\t')
                .append(count).append('\n'));
        copy(settings, "COPY users (id, total_plays) FROM STDIN", users);
        copy(settings, "COPY user_artist_plays (user_id, artist_id, plays) FROM STDIN", rows);
    }

    @FunctionalInterface
    private interface Row {
        void accept(int user, int artist, int plays);
    }

    private static void forEach(PlayMatrix plays, int from, int to, Row row) {
        int[] ids = catalogIds();
        for (int r = 0; r < plays.rows(); r++) {
            int user = plays.rowId(r);
            if (user < from || user > to) {
                continue;
            }
            for (int e = plays.rowStart(r); e < plays.rowStart(r + 1); e++) {
                row.accept(user, ids[plays.columnId(plays.column(e)) - 1], plays.plays(e));
            }
        }
    }

    private static void copy(DatabaseSettings settings, String sql, CharSequence rows) {
        try (Connection connection = TestSchemas.connect(settings)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(rows.toString()));
        } catch (SQLException | IOException e) {
            throw new IllegalStateException(sql + " failed", e);
        }
    }
}
