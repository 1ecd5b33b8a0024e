package io.musicrec.platform.songs;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisException;
import io.lettuce.core.SetArgs;
import io.musicrec.cache.CacheException;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SongCache} in Redis: one string per artist at {@link RedisKeys#song}, expiring after
 * {@link RedisKeys#SONG_TTL} (one day) unless told otherwise. The value is JSON: {@code
 * {"found":true,"song":{"name","image","url","artist_name"},"checked_at":"..."}} for a song, {@code
 * {"found":false,"song":null,"checked_at":"..."}} for an artist Spotify has no track by. An entry
 * that cannot be read counts as not cached, so a bad entry costs one lookup, not a failed worker.
 */
public final class RedisSongCache implements SongCache {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSongCache.class);

    private final RedisConnection redis;
    private final Clock clock;
    private final Duration ttl;

    /**
     * Keeps answers for {@link RedisKeys#SONG_TTL}.
     *
     * @param connection the function's Redis connection
     * @param clock      stamps {@code checked_at}
     */
    public RedisSongCache(RedisConnection connection, Clock clock) {
        this(connection, clock, RedisKeys.SONG_TTL);
    }

    /**
     * @param connection the function's Redis connection
     * @param clock      stamps {@code checked_at}
     * @param ttl        how long Redis keeps an answer; at least a second
     */
    public RedisSongCache(RedisConnection connection, Clock clock, Duration ttl) {
        this.redis = Objects.requireNonNull(connection, "connection");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.toSeconds() < 1) {
            throw new IllegalArgumentException("ttl must be at least a second, was " + ttl);
        }
        this.ttl = ttl;
    }

    @Override
    public Map<Integer, Optional<Song>> getAll(Collection<Integer> artistIds) {
        if (artistIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> idsByKey = new HashMap<>();
        artistIds.forEach(id -> idsByKey.put(RedisKeys.song(id), id));
        List<KeyValue<String, String>> values;
        try {
            values = redis.sync().mget(idsByKey.keySet().toArray(String[]::new));
        } catch (RedisException e) {
            throw new CacheException("reading cached songs", e);
        }
        Map<Integer, Optional<Song>> cached = new HashMap<>();
        for (KeyValue<String, String> value : values) {
            if (value.hasValue()) {
                read(value.getKey(), value.getValue())
                        .ifPresent(entry -> cached.put(idsByKey.get(value.getKey()), Optional.ofNullable(entry.song())));
            }
        }
        return cached;
    }

    @Override
    public void put(int artistId, Optional<Song> song) {
        Entry entry = new Entry(song.isPresent(), song.orElse(null), clock.instant());
        String json = toJson(entry);
        try {
            redis.sync().set(RedisKeys.song(artistId), json, SetArgs.Builder.ex(ttl));
        } catch (RedisException e) {
            throw new CacheException("caching a song", e);
        }
    }

    private static Optional<Entry> read(String key, String json) {
        try {
            Entry entry = fromJson(json);
            if (entry.found() && entry.song() == null) {
                throw new IllegalArgumentException("found without a song");
            }
            return Optional.of(entry);
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.atWarn().addKeyValue("key", key).addKeyValue("error", e.getMessage()).log("ignoring an unreadable song cache entry");
            return Optional.empty();
        }
    }

    /** The entry's JSON, in the shape the class comment shows ({@code RedisSongCacheJsonTest} pins the text). */
    static String toJson(Entry entry) {
        return CacheJson.streamed(json -> {
            json.writeStartObject();
            json.writeBooleanField("found", entry.found());
            if (entry.song() == null) {
                json.writeNullField("song");
            } else {
                Song song = entry.song();
                json.writeObjectFieldStart("song");
                json.writeStringField("name", song.name());
                json.writeStringField("image", song.image());
                json.writeStringField("url", song.url());
                json.writeStringField("artist_name", song.artistName());
                json.writeEndObject();
            }
            CacheJson.writeInstant(json, "checked_at", entry.checkedAt());
            json.writeEndObject();
        });
    }

    /**
     * Reads an entry with jackson-core's parser; fields it does not know are skipped.
     *
     * @throws IllegalArgumentException when the text is not an entry (not one JSON object, a field
     *                                  of the wrong type, a time that is not ISO-8601)
     * @throws NullPointerException     when a song has no name
     */
    static Entry fromJson(String text) {
        return CacheJson.streamed(text, json -> {
            CacheJson.require(json.currentToken() == JsonToken.START_OBJECT, "an entry is a JSON object");
            boolean found = false;
            Song song = null;
            Instant checkedAt = null;
            String field;
            while ((field = json.nextFieldName()) != null) {
                JsonToken value = json.nextToken();
                switch (field) {
                    case "found" -> {
                        CacheJson.require(value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE, "found is true or false");
                        found = value == JsonToken.VALUE_TRUE;
                    }
                    case "song" -> song = value == JsonToken.VALUE_NULL ? null : readSong(json);
                    case "checked_at" -> checkedAt = CacheJson.readInstant(json, "checked_at");
                    default -> json.skipChildren();
                }
            }
            return new Entry(found, song, checkedAt);
        });
    }

    private static Song readSong(JsonParser json) throws IOException {
        CacheJson.require(json.currentToken() == JsonToken.START_OBJECT, "song is a JSON object or null");
        String name = null;
        String image = null;
        String url = null;
        String artistName = null;
        String field;
        while ((field = json.nextFieldName()) != null) {
            json.nextToken();
            switch (field) {
                case "name" -> name = CacheJson.readText(json);
                case "image" -> image = CacheJson.readText(json);
                case "url" -> url = CacheJson.readText(json);
                case "artist_name" -> artistName = CacheJson.readText(json);
                default -> json.skipChildren();
            }
        }
        return new Song(name, image, url, artistName);
    }

    /**
     * A cache entry.
     *
     * @param found     whether Spotify has a track by the artist
     * @param song      the song when found, else null
     * @param checkedAt when Spotify was asked, for whoever inspects the cache
     */
    record Entry(boolean found, Song song, Instant checkedAt) {
    }
}
