package io.musicrec.platform.catalog;

import io.musicrec.platform.postgres.Database;
import io.musicrec.platform.testing.TestServices;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

class PostgresArtistCatalogIT extends ArtistCatalogContract {

    private static Database database;
    private static ArtistCatalog catalog;

    @BeforeAll
    static void importFixture(@TempDir Path directory) throws Exception {
        database = Database.connect(TestServices.freshSchema());
        new CatalogImport(database, Clock.systemUTC()).importLastFm(LastFmFixture.write(directory, LastFmFixture.ARTISTS, LastFmFixture.PLAYS));
        catalog = new PostgresArtistCatalog(database);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Override
    ArtistCatalog catalog() {
        return catalog;
    }
}
