package io.musicrec.platform.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.musicrec.engine.artifact.ModelArtifact;
import io.musicrec.engine.data.InputException;
import io.musicrec.engine.model.Model;
import io.musicrec.platform.config.DatabaseSettings;
import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.postgres.DatabaseException;
import io.musicrec.platform.testing.TestModels;
import io.musicrec.platform.testing.TestSchemas;
import io.musicrec.platform.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogImportIT {

    private DatabaseSettings settings;
    private Database database;
    private CatalogImport importer;

    @BeforeEach
    void schema() {
        settings = TestServices.freshSchema();
        database = Database.connect(settings);
        importer = new CatalogImport(database, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private String table(String sql) {
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            StringBuilder out = new StringBuilder();
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " " : "").append(r.getString(i));
                }
                out.append(';');
            }
            return out.toString();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private String snapshot() {
        return table("SELECT id, name, search_name, listeners FROM artists ORDER BY id")
                + table("SELECT base_user_id, artist_id, plays FROM base_plays ORDER BY 1, 2");
    }

    @Test
    void lastFmFilesFillCatalogWithListenersAndTheTrainingBase(@TempDir Path directory) throws Exception {
        CatalogImport.Report report = importer.importLastFm(LastFmFixture.write(directory, LastFmFixture.ARTISTS, LastFmFixture.PLAYS));

        assertEquals(14, report.artists());
        assertEquals(14, report.artistsWritten());
        assertEquals(8, report.basePlays());
        assertEquals(8, report.basePlaysWritten());
        assertEquals("1 Björk björk 3;2 BJÖRK Tribute Band björk tribute band 2;3 Sigur Rós sigur rós 1;",
                table("SELECT id, name, search_name, listeners FROM artists WHERE id <= 3 ORDER BY id"));
        assertEquals("0", table("SELECT listeners FROM artists WHERE id = 13").replace(";", ""), "no plays, no listeners");
        assertEquals("10 Back\\slash", table("SELECT id, name FROM artists WHERE id = 10").replace(";", ""));
        assertEquals("2 1 100;2 2 50;3 1 7;3 6 3;4 1 1;4 2 9;4 6 2;5 3 12;", table("SELECT base_user_id, artist_id, plays FROM base_plays ORDER BY 1, 2"));
    }

    @Test
    void reimportingTheSameFilesWritesNothing(@TempDir Path directory) throws Exception {
        Path files = LastFmFixture.write(directory, LastFmFixture.ARTISTS, LastFmFixture.PLAYS);
        importer.importLastFm(files);
        String before = snapshot();

        CatalogImport.Report again = importer.importLastFm(files);

        assertEquals(0, again.artistsWritten());
        assertEquals(0, again.basePlaysWritten());
        assertEquals(0, again.basePlaysDeleted());
        assertEquals(before, snapshot());
    }

    @Test
    void changedFilesUpdateRenamedArtistsAndReplaceTheBase(@TempDir Path directory) throws Exception {
        importer.importLastFm(LastFmFixture.write(directory, LastFmFixture.ARTISTS, LastFmFixture.PLAYS));
        String artists = LastFmFixture.ARTISTS.replace("Sigur Rós", "Sigur Rós (Iceland)");
        String plays = LastFmFixture.PLAYS.replace("5\t3\t12\n", "").replace("2\t1\t100", "2\t1\t101");

        CatalogImport.Report report = importer.importLastFm(LastFmFixture.write(directory, artists, plays));

        assertEquals(1, report.artistsWritten(), "artist 3, renamed and without its only listener; the others untouched");
        assertEquals(1, report.basePlaysWritten());
        assertEquals(1, report.basePlaysDeleted());
        assertEquals("Sigur Rós (Iceland) sigur rós (iceland) 0;", table("SELECT name, search_name, listeners FROM artists WHERE id = 3"));
        assertEquals("101;", table("SELECT plays FROM base_plays WHERE base_user_id = 2 AND artist_id = 1"));
    }

    @Test
    void playsOfAnArtistMissingFromTheListImportNothing(@TempDir Path directory) throws Exception {
        importer.importLastFm(LastFmFixture.write(directory.resolve("good"), LastFmFixture.ARTISTS, LastFmFixture.PLAYS));
        String before = snapshot();
        Path bad = LastFmFixture.write(directory.resolve("bad"), LastFmFixture.ARTISTS.replace("Björk\t", "Bjork\t"),
                LastFmFixture.PLAYS + "9\t4242\t1\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> importer.importLastFm(bad));
        assertTrue(e.getMessage().contains("artist 4242"), e.getMessage());
        assertEquals(before, snapshot());
    }

    @Test
    void malformedRowImportsNothing(@TempDir Path directory) throws Exception {
        Path bad = LastFmFixture.write(directory, LastFmFixture.ARTISTS, LastFmFixture.PLAYS + "6\tseven\t1\n");
        InputException e = assertThrows(InputException.class, () -> importer.importLastFm(bad));
        assertTrue(e.getMessage().contains("user_artists.dat:10:"), e.getMessage());
        assertEquals("", snapshot());
    }

    @Test
    void failureHalfWayThroughTheDatabaseWorkRollsBackTheArtistsToo(@TempDir Path directory) throws Exception {
        try (Connection c = TestSchemas.connect(settings); Statement s = c.createStatement()) {
            // Fails the import after the artists were merged, while the base plays are written.
            s.execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$");
            s.execute("CREATE TRIGGER refuse BEFORE INSERT ON base_plays FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
        Path files = LastFmFixture.write(directory, LastFmFixture.ARTISTS, LastFmFixture.PLAYS);

        DatabaseException e = assertThrows(DatabaseException.class, () -> importer.importLastFm(files));
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        assertEquals("", snapshot(), "no artist was left behind");
    }

    @Test
    void modelArtifactFillsTheCatalogAloneWhenTheFilesAreMissing(@TempDir Path directory) throws Exception {
        Model model = TestModels.of("m-1", 5, 0);
        Path modelDir = directory.resolve("model");
        ModelArtifact.write(model, modelDir);

        CatalogImport.Report report = importer.importAvailable(Optional.of(directory.resolve("no-lastfm")), Optional.of(modelDir));

        assertEquals("model:m-1", report.source());
        assertEquals(5, report.artistsWritten());
        assertEquals(0, report.basePlays());
        assertEquals("1 artist 1 ☃ 5;5 artist 5 ☃ 1;", table("SELECT id, name, listeners FROM artists WHERE id IN (1, 5) ORDER BY id"));
        assertEquals("", table("SELECT * FROM base_plays"));
        assertEquals(0, importer.importModel(modelDir).artistsWritten(), "idempotent too");
    }

    @Test
    void neitherSourceIsAClearError(@TempDir Path directory) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.importAvailable(Optional.of(directory), Optional.of(directory)));
        assertTrue(e.getMessage().startsWith("nothing to import"), e.getMessage());
    }

    @Test
    void realLastFm2kImportsInOneTransactionAndRerunsAsANoOp() {
        Path lastfm = Path.of("../../../shared/data/lastfm-2k");
        assumeTrue(Files.isRegularFile(lastfm.resolve(CatalogImport.LASTFM_PLAYS)), "the Last.fm 2K files are not at " + lastfm.toAbsolutePath());
        try (Database longer = new Database(settings, Database.Options.defaults().withStatementTimeout(Duration.ofMinutes(2)), Clock.systemUTC())) {
            CatalogImport.Report first = new CatalogImport(longer, Clock.systemUTC()).importLastFm(lastfm);
            CatalogImport.Report second = new CatalogImport(longer, Clock.systemUTC()).importLastFm(lastfm);
            System.out.println("Last.fm 2K import: " + first + "\nre-run: " + second);
            assertEquals(17_632, first.artists());
            assertEquals(17_632, first.artistsWritten());
            assertEquals(92_834, first.basePlaysWritten());
            assertEquals(0, second.artistsWritten());
            assertEquals(0, second.basePlaysWritten());
            assertEquals(0, second.basePlaysDeleted());
            assertEquals("92834;", table("SELECT count(*) FROM base_plays"));
        }
    }
}
