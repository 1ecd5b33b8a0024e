package io.musicrec.platform.catalog;

import io.musicrec.platform.postgres.Database;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ArtistCatalog} on PostgreSQL's {@code artists} table. Each method is one query; search
 * matches the query's {@link SearchKey} against {@code search_name} with {@code LIKE}, wildcards
 * escaped, so the same index strategy (a trigram index, should the catalog grow) applies.
 */
public final class PostgresArtistCatalog implements ArtistCatalog {

    private static final String NAMES = "SELECT id, name FROM artists WHERE id = ANY (?)";
    private static final String EXISTS = "SELECT EXISTS (SELECT 1 FROM artists WHERE id = ?)";
    private static final String SEARCH = """
            SELECT id, name, listeners FROM artists
             WHERE search_name LIKE ? ESCAPE '\\'
             ORDER BY listeners DESC, id
             LIMIT ?""";

    private static final String LISTENED = "SELECT id, name, listeners FROM artists WHERE listeners > 0 ORDER BY listeners DESC, id";
    // One statement for any number of artists: the two arrays are unnested side by side.
    private static final String UPDATE_LISTENERS = """
            UPDATE artists AS a SET listeners = u.listeners
              FROM unnest(?::integer[], ?::integer[]) AS u (id, listeners)
             WHERE a.id = u.id AND a.listeners <> u.listeners""";

    private final Database database;

    /** @param database the database holding the schema of {@code db/migration} */
    public PostgresArtistCatalog(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    @Override
    public Map<Integer, String> names(Collection<Integer> artistIds) {
        Set<Integer> ids = new LinkedHashSet<>();
        for (Integer id : Objects.requireNonNull(artistIds, "artistIds")) {
            ids.add(Objects.requireNonNull(id, "artist id"));
        }
        if (ids.isEmpty()) {
            return Map.of();
        }
        return database.statement(NAMES, select -> {
            Array array = select.getConnection().createArrayOf("integer", ids.toArray());
            try {
                select.setArray(1, array);
                Map<Integer, String> names = new HashMap<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        names.put(rows.getInt(1), rows.getString(2));
                    }
                }
                return Map.copyOf(names);
            } finally {
                array.free();
            }
        });
    }

    @Override
    public boolean exists(int artistId) {
        if (artistId < 1) {
            return false;
        }
        return database.statement(EXISTS, select -> {
            select.setInt(1, artistId);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getBoolean(1);
            }
        });
    }

    @Override
    public List<Artist> search(String query, int limit) {
        Objects.requireNonNull(query, "query");
        if (limit < 1 || limit > MAX_SEARCH_RESULTS) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_SEARCH_RESULTS + ", got " + limit);
        }
        if (!SearchKey.isStorable(query)) {
            // No stored name holds a NUL or a lone surrogate, so nothing can match.
            return List.of();
        }
        String pattern = "%" + SearchKey.escapeLike(SearchKey.of(query.strip())) + "%";
        return database.statement(SEARCH, select -> {
            select.setString(1, pattern);
            select.setInt(2, limit);
            return artists(select);
        });
    }

    @Override
    public List<Artist> listened() {
        return database.transaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(LISTENED)) {
                select.setFetchSize(5_000);
                return artists(select);
            }
        });
    }

    /** The rows of {@code select}, whose columns are id, name and listeners. */
    private static List<Artist> artists(PreparedStatement select) throws SQLException {
        List<Artist> artists = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                artists.add(new Artist(rows.getInt(1), rows.getString(2), rows.getInt(3)));
            }
        }
        return List.copyOf(artists);
    }

    @Override
    public int updateListeners(Map<Integer, Integer> listenersById) {
        Integer[] ids = new Integer[listenersById.size()];
        Integer[] listeners = new Integer[listenersById.size()];
        int i = 0;
        for (Map.Entry<Integer, Integer> entry : listenersById.entrySet()) {
            ids[i] = Objects.requireNonNull(entry.getKey(), "artist id");
            listeners[i] = Objects.requireNonNull(entry.getValue(), "listeners");
            if (listeners[i] < 0) {
                throw new IllegalArgumentException("artist " + ids[i] + " has negative listeners " + listeners[i]);
            }
            i++;
        }
        if (ids.length == 0) {
            return 0;
        }
        return database.transaction(connection -> {
            Array idArray = connection.createArrayOf("integer", ids);
            Array listenerArray = connection.createArrayOf("integer", listeners);
            try (PreparedStatement update = connection.prepareStatement(UPDATE_LISTENERS)) {
                update.setArray(1, idArray);
                update.setArray(2, listenerArray);
                return update.executeUpdate();
            } finally {
                idArray.free();
                listenerArray.free();
            }
        });
    }
}
