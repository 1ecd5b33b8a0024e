package io.musicrec.cache;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script run by its SHA-1 ({@code EVALSHA}) so that only the digest travels on each call,
 * sent in full ({@code EVAL}, which also caches it on the server) when Redis answers {@code
 * NOSCRIPT}: after a restart, a failover or {@code SCRIPT FLUSH}.
 */
final class LuaScript {

    private final String source;
    private final String sha1;

    LuaScript(String source) {
        this.source = source;
        this.sha1 = sha1(source);
    }

    /** Runs the script for an integer reply. */
    long run(RedisCommands<String, String> commands, String[] keys, String... arguments) {
        Long reply;
        try {
            reply = commands.evalsha(sha1, ScriptOutputType.INTEGER, keys, arguments);
        } catch (RedisNoScriptException e) {
            reply = commands.eval(source, ScriptOutputType.INTEGER, keys, arguments);
        }
        return reply;
    }

    String sha1() {
        return sha1;
    }

    private static String sha1(String source) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
