package io.musicrec.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtistsTsvTest {
    @TempDir
    Path dir;

    @Test
    void keepsNamesExactlyIncludingPrivateUseCharacters() throws IOException {
        Path f = dir.resolve("artists.dat");
        Files.writeString(f, "id\tname\turl\tpictureURL\n5121\tGlee Cast\uF800\thttp://x\t\n11681\tBallakÃ© Sissoko\thttp://y\thttp://z\n",
                StandardCharsets.UTF_8);
        Map<Integer, String> names = ArtistsTsv.read(f);
        assertEquals("Glee Cast\uF800", names.get(5121));
        assertEquals("BallakÃ© Sissoko", names.get(11681));
    }

    @Test
    void invalidUtf8IsRefusedWithItsLine() throws IOException {
        Path f = dir.resolve("latin1.dat");
        byte[] bytes = "id\tname\n1\tok\n2\tdie \u00c4rzte\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(f, bytes);
        InputException e = assertThrows(InputException.class, () -> ArtistsTsv.read(f));
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test
    void duplicateAndNonNumericIdsAreRefused() throws IOException {
        Path f = dir.resolve("dup.dat");
        Files.writeString(f, "id\tname\n1\ta\n1\tb\n");
        assertTrue(assertThrows(InputException.class, () -> ArtistsTsv.read(f)).getMessage().endsWith(":3: artist id 1 appears twice"));
        Files.writeString(f, "id\tname\nx\ta\n");
        assertTrue(assertThrows(InputException.class, () -> ArtistsTsv.read(f)).getMessage().endsWith(":2: artist id 'x' is not an integer"));
    }
}
