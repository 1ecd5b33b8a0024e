package io.musicrec.trainer.retrain;

/** 64-bit hashing for user keys and the hold-out draw: FNV-1a over the characters, SplitMix64 to finish. */
final class Keys {
    private Keys() {
    }

    /** A stable 64-bit key for a {@code user_key} such as {@code base:42} or {@code user:auth0|abc}. */
    static long of(String userKey) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < userKey.length(); i++) {
            h ^= userKey.charAt(i);
            h *= 0x100000001b3L;
        }
        return mix(h);
    }

    /** SplitMix64's finaliser: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** One (user, artist, plays) row's contribution to the order-independent data fingerprint. */
    static long row(long userKey, int artistId, long plays) {
        return mix(userKey ^ mix(artistId * 0x9E3779B97F4A7C15L + 1) ^ mix(plays * 0xC2B2AE3D27D4EB4FL + 2));
    }
}
