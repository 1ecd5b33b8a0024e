package io.musicrec.engine.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads an artist list: tab-separated UTF-8, one header line, then {@code id, name[, url, picture]}
 * (Last.fm 2K's {@code artists.dat}). Names are kept exactly as found, odd characters included.
 */
public final class ArtistsTsv {
    private ArtistsTsv() {
    }

    /** Artist id to name, in file order. */
    public static Map<Integer, String> read(Path file) {
        String name = file.toString();
        Map<Integer, String> names = new LinkedHashMap<>();
        long line = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
            String header = in.readLine();
            line = 1;
            if (header == null) {
                throw new InputException(name, 1, "empty file: expected a header line (id name url pictureURL)");
            }
            String row;
            while ((row = in.readLine()) != null) {
                line++;
                int tab = row.indexOf('\t');
                if (tab < 0) {
                    throw new InputException(name, line, "expected tab-separated fields (id, name, ...), found one field");
                }
                int end = row.indexOf('\t', tab + 1);
                String idText = row.substring(0, tab);
                String artist = end < 0 ? row.substring(tab + 1) : row.substring(tab + 1, end);
                int id;
                try {
                    id = Integer.parseInt(idText);
                } catch (NumberFormatException e) {
                    throw new InputException(name, line, "artist id '" + idText + "' is not an integer");
                }
                if (id < 1) {
                    throw new InputException(name, line, "artist id " + id + " must be >= 1");
                }
                if (names.putIfAbsent(id, artist) != null) {
                    throw new InputException(name, line, "artist id " + id + " appears twice");
                }
            }
        } catch (NoSuchFileException e) {
            throw new InputException(name, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new InputException(name, line + 1, "not valid UTF-8");
        } catch (IOException e) {
            throw new InputException(name, "cannot read: " + e.getMessage(), e);
        }
        return names;
    }
}
