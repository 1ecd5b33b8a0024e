package io.musicrec.platform.catalog;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.ArtistsTsv;
import io.musicrec.engine.data.PlayMatrix;
import io.musicrec.engine.data.PlaysTsv;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.config.Environment;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.Migrations;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Fills the catalog ({@code artists}) and the training base ({@code base_plays}) from the Last.fm 2K
 * files, or the catalog alone from a model's artist index. One transaction, the tables locked against
 * other writers: a bad row leaves them as they were. Idempotent: artists are upserted by id, base plays
 * become exactly the file's, and artists missing from a newer source stay (live plays may refer to
 * them). Rows go in with {@code COPY} to staging tables, then one set-based merge each. As a command:
 * {@code CatalogImport [--lastfm DIR] [--model DIR]} with {@code DATABASE_URL}; it migrates first.
 */
public final class CatalogImport {

    /** The Last.fm 2K artist list in a data directory. */
    public static final String LASTFM_ARTISTS = "artists.dat";
    /** The Last.fm 2K user x artist plays in a data directory. */
    public static final String LASTFM_PLAYS = "user_artists.dat";

    /**
     * What an import did: rows in the source, how many of them were new or changed ({@code *Written}),
     * base plays deleted because the source no longer has them, and the wall time, reading included.
     */
    public record Report(String source, int artists, int artistsWritten, int basePlays, int basePlaysWritten,
                         int basePlaysDeleted, Duration took) {
    }

    private final Database database;
    private final Clock clock;

    /**
     * @param database a database with the schema migrated; give it a statement timeout that fits an
     *                 import (seconds, not the request-sized default)
     * @param clock    measures the import's duration
     */
    public CatalogImport(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Imports {@value #LASTFM_ARTISTS} and {@value #LASTFM_PLAYS} from {@code directory}: the
     * catalog with listeners counted from the plays, and the plays as the training base.
     *
     * @throws io.musicrec.engine.data.InputException naming the file and line of a bad row
     * @throws IllegalArgumentException when the plays name an artist the artist list lacks
     */
    public Report importLastFm(Path directory) {
        long start = clock.millis();
        Map<Integer, String> names = ArtistsTsv.read(directory.resolve(LASTFM_ARTISTS));
        PlayMatrix plays = PlaysTsv.read(directory.resolve(LASTFM_PLAYS));
        int[] listeners = plays.columnCounts();
        for (int column = 0; column < plays.columns(); column++) {
            if (!names.containsKey(plays.columnId(column))) {
                throw new IllegalArgumentException(directory.resolve(LASTFM_PLAYS) + " has plays of artist " + plays.columnId(column)
                        + ", which " + directory.resolve(LASTFM_ARTISTS) + " does not list");
            }
        }
        List<Artist> artists = new ArrayList<>(names.size());
        names.forEach((id, name) -> {
            int column = plays.columnOf(id);
            artists.add(new Artist(id, name, column < 0 ? 0 : listeners[column]));
        });
        return write("lastfm:" + directory, artists, Optional.of(plays), start);
    }

    /**
     * Imports the catalog alone from the model artifact in {@code modelDirectory} (ids, names and
     * listener counts of its artist index); the training base is left as it is.
     *
     * @throws io.musicrec.engine.artifact.ArtifactException when the artifact is missing or corrupt
     */
    public Report importModel(Path modelDirectory) {
        long start = clock.millis();
        Model model = ModelArtifact.read(modelDirectory);
        List<Artist> artists = new ArrayList<>(model.size());
        for (int i = 0; i < model.size(); i++) {
            artists.add(new Artist(model.artists().id(i), model.artists().name(i), model.listeners(i)));
        }
        return write("model:" + model.id(), artists, Optional.empty(), start);
    }

    /**
     * Imports from the Last.fm files when {@code lastfmDirectory} has both, otherwise from the
     * model artifact in {@code modelDirectory}.
     *
     * @throws IllegalArgumentException when neither is available
     */
    public Report importAvailable(Optional<Path> lastfmDirectory, Optional<Path> modelDirectory) {
        if (lastfmDirectory.isPresent() && Files.isRegularFile(lastfmDirectory.get().resolve(LASTFM_ARTISTS))
                && Files.isRegularFile(lastfmDirectory.get().resolve(LASTFM_PLAYS))) {
            return importLastFm(lastfmDirectory.get());
        }
        if (modelDirectory.isPresent() && Files.isRegularFile(modelDirectory.get().resolve(ModelArtifact.MANIFEST))) {
            return importModel(modelDirectory.get());
        }
        throw new IllegalArgumentException("nothing to import: no " + LASTFM_ARTISTS + " and " + LASTFM_PLAYS + " in "
                + lastfmDirectory.map(Path::toString).orElse("(no Last.fm directory given)") + ", and no "
                + ModelArtifact.MANIFEST + " in " + modelDirectory.map(Path::toString).orElse("(no model directory given)"));
    }

    private Report write(String source, List<Artist> artists, Optional<PlayMatrix> plays, long start) {
        List<String> keys = new ArrayList<>(artists.size());
        for (Artist artist : artists) {
            if (!SearchKey.isStorable(artist.name())) {
                throw new IllegalArgumentException(source + ": the name of artist " + artist.id() + " holds a NUL or a lone surrogate");
            }
            keys.add(SearchKey.of(artist.name()));
        }
        int[] counts = database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                // Blocks other imports and direct writes, not readers nor the foreign-key checks of live plays.
                statement.execute("LOCK TABLE artists, base_plays IN SHARE ROW EXCLUSIVE MODE");
            }
            int artistsWritten = mergeArtists(connection, artists, keys);
            int[] playCounts = plays.isPresent() ? mergeBasePlays(connection, plays.get()) : new int[2];
            return new int[] {artistsWritten, playCounts[0], playCounts[1]};
        });
        return new Report(source, artists.size(), counts[0], plays.map(PlayMatrix::nonZeros).orElse(0), counts[1], counts[2],
                Duration.ofMillis(clock.millis() - start));
    }

    private static int mergeArtists(Connection connection, List<Artist> artists, List<String> keys) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE import_artists "
                    + "(id integer PRIMARY KEY, name text NOT NULL, search_name text NOT NULL, listeners integer NOT NULL) ON COMMIT DROP");
        }
        StringBuilder rows = new StringBuilder(artists.size() * 40);
        for (int i = 0; i < artists.size(); i++) {
            Artist artist = artists.get(i);
            rows.append(artist.id()).append('\t');
            appendCopyText(rows, artist.name());
            rows.append('\t');
            appendCopyText(rows, keys.get(i));
            rows.append('\t').append(artist.listeners()).append('\n');
        }
        copy(connection, "COPY import_artists (id, name, search_name, listeners) FROM STDIN", rows);
        try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("""
                    INSERT INTO artists AS a (id, name, search_name, listeners)
                    SELECT id, name, search_name, listeners FROM import_artists
                    ON CONFLICT (id) DO UPDATE
                       SET name = excluded.name, search_name = excluded.search_name, listeners = excluded.listeners
                     WHERE (a.name, a.search_name, a.listeners) IS DISTINCT FROM (excluded.name, excluded.search_name, excluded.listeners)""");
        }
    }

    /** Returns {written, deleted}. */
    private static int[] mergeBasePlays(Connection connection, PlayMatrix plays) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TEMPORARY TABLE import_base_plays "
                    + "(base_user_id integer, artist_id integer, plays bigint, PRIMARY KEY (base_user_id, artist_id)) ON COMMIT DROP");
        }
        StringBuilder rows = new StringBuilder(plays.nonZeros() * 16);
        for (int row = 0; row < plays.rows(); row++) {
            int user = plays.rowId(row);
            for (int entry = plays.rowStart(row); entry < plays.rowStart(row + 1); entry++) {
                rows.append(user).append('\t').append(plays.columnId(plays.column(entry))).append('\t').append(plays.plays(entry)).append('\n');
            }
        }
        copy(connection, "COPY import_base_plays (base_user_id, artist_id, plays) FROM STDIN", rows);
        try (Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE import_base_plays");
            int deleted = statement.executeUpdate("""
                    DELETE FROM base_plays b
                     WHERE NOT EXISTS (SELECT 1 FROM import_base_plays i
                                        WHERE i.base_user_id = b.base_user_id AND i.artist_id = b.artist_id)""");
            int written = statement.executeUpdate("""
                    INSERT INTO base_plays AS b (base_user_id, artist_id, plays)
                    SELECT base_user_id, artist_id, plays FROM import_base_plays
                    ON CONFLICT (base_user_id, artist_id) DO UPDATE SET plays = excluded.plays
                     WHERE b.plays <> excluded.plays""");
            return new int[] {written, deleted};
        }
    }

    private static void copy(Connection connection, String sql, CharSequence rows) throws SQLException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        try {
            copy.copyIn(sql, new StringReader(rows.toString()));
        } catch (IOException e) {
            // Reading a StringReader cannot fail; the driver declares it for streams in general.
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code value} escaped for COPY's text format: backslash, tab, newline and carriage return. */
    private static void appendCopyText(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    /**
     * Migrates the schema of the database named by {@code DATABASE_URL}, then imports.
     *
     * @param args {@code [--lastfm DIR] [--model DIR]}: the Last.fm 2K directory (default {@code
     *             ../shared/data/lastfm-2k}) and the model artifact to fall back on (default {@code
     *             model-artifacts/lastfm-2k})
     */
    public static void main(String[] args) {
        Path lastfm = Path.of("../shared/data/lastfm-2k");
        Path model = Path.of("model-artifacts/lastfm-2k");
        for (int i = 0; i < args.length; i++) {
            if (i + 1 < args.length && args[i].equals("--lastfm")) {
                lastfm = Path.of(args[++i]);
            } else if (i + 1 < args.length && args[i].equals("--model")) {
                model = Path.of(args[++i]);
            } else {
                System.err.println("usage: CatalogImport [--lastfm DIR] [--model DIR]   (DATABASE_URL names the database)");
                System.exit(2);
            }
        }
        DatabaseSettings settings = DatabaseSettings.from(Environment.system());
        Migrations.migrate(settings);
        Database.Options options = Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(5)).withApplicationName("musicrec-import");
        try (Database database = new Database(settings, options, Clock.systemUTC())) {
            Report report = new CatalogImport(database, Clock.systemUTC()).importAvailable(Optional.of(lastfm), Optional.of(model));
            System.out.println(report);
        }
    }
}
