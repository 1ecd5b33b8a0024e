package io.musicrec.platform.songs;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.musicrec.cache.CacheJson;
import io.musicrec.cache.RedisConnection;
import io.musicrec.cache.RedisKeys;
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

    private final RedisCommands<String, String> commands;
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
        this.commands = connection.sync();
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
        List<KeyValue<String, String>> values = commands.mget(idsByKey.keySet().toArray(String[]::new));
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
        commands.set(RedisKeys.song(artistId), CacheJson.write(entry), SetArgs.Builder.ex(ttl));
    }

    private static Optional<Entry> read(String key, String json) {
        try {
            Entry entry = CacheJson.read(json, Entry.class);
            if (entry.found() && entry.song() == null) {
                throw new IllegalArgumentException("found without a song");
            }
            return Optional.of(entry);
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warn("Ignoring unreadable song cache entry {}: {}", key, e.getMessage());
            return Optional.empty();
        }
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
