package io.musicrec.engine.model;

import io.musicrec.engine.internal.IntIntMap;
import java.util.Arrays;
import java.util.Objects;

/** The model's artists: dense index to Last.fm artist id and name, and back. Ids are ascending. */
public final class ArtistIndex {
    private final int[] ids;
    private final String[] names;
    private final IntIntMap index;

    public ArtistIndex(int[] ids, String[] names) {
        if (ids.length != names.length) {
            throw new IllegalArgumentException(ids.length + " ids but " + names.length + " names");
        }
        this.ids = ids.clone();
        this.names = names.clone();
        this.index = new IntIntMap(ids.length);
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && ids[i] <= ids[i - 1]) {
                throw new IllegalArgumentException("artist ids must be strictly ascending at position " + i);
            }
            Objects.requireNonNull(names[i], "name");
            index.putIfAbsent(ids[i], i);
        }
    }

    public int size() {
        return ids.length;
    }

    public int id(int index) {
        return ids[index];
    }

    public String name(int index) {
        return names[index];
    }

    /** Dense index of an artist id, or -1 when the model does not know the artist. */
    public int indexOf(int artistId) {
        return artistId == Integer.MIN_VALUE ? -1 : index.get(artistId);
    }

    public int[] ids() {
        return Arrays.copyOf(ids, ids.length);
    }
}
