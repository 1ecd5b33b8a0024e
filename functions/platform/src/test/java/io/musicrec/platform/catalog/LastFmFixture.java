package io.musicrec.platform.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A hand-made Last.fm 2K directory: artists with names that stress search (wildcards, accents in
 * both Unicode forms, scripts without case, emoji) and plays whose listener counts are easy to
 * count by eye: artist 1 has three listeners, 2 and 6 two, the others one or none.
 */
final class LastFmFixture {

    static final String ARTISTS = String.join("\n",
            "id\tname\turl\tpictureURL",
            "1\tBjörk\thttp://www.last.fm/music/Bj%C3%B6rk\thttp://x/1.jpg",
            "2\tBJÖRK Tribute Band\thttp://x\thttp://x/2.jpg",
            "3\tSigur Rós\thttp://x\thttp://x/3.jpg",
            "4\t100% Pure\thttp://x\thttp://x/4.jpg",
            "5\t100 Percent\thttp://x\thttp://x/5.jpg",
            "6\tDie Straße\thttp://x\thttp://x/6.jpg",
            "7\tЛенинград\thttp://x\thttp://x/7.jpg",
            "8\tBeyonce\u0301\thttp://x\thttp://x/8.jpg",
            "9\tunder_score\thttp://x\thttp://x/9.jpg",
            "10\tBack\\slash\thttp://x\thttp://x/10.jpg",
            "11\tΣΊΣΥΦΟΣ\thttp://x\thttp://x/11.jpg",
            "12\t김종국\thttp://x\thttp://x/12.jpg",
            "13\t🎸 Guitar Heroes\thttp://x\thttp://x/13.jpg",
            "14\tunderXscore\thttp://x\thttp://x/14.jpg",
            "") ;

    static final String PLAYS = String.join("\n",
            "userID\tartistID\tweight",
            "2\t1\t100",
            "2\t2\t50",
            "3\t1\t7",
            "3\t6\t3",
            "4\t1\t1",
            "4\t2\t9",
            "4\t6\t2",
            "5\t3\t12",
            "");

    private LastFmFixture() {
    }

    /** Writes the two files into {@code directory} and returns it. */
    static Path write(Path directory, String artists, String plays) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(CatalogImport.LASTFM_ARTISTS), artists, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(CatalogImport.LASTFM_PLAYS), plays, StandardCharsets.UTF_8);
        return directory;
    }
}
