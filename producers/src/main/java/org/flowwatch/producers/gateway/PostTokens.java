package org.flowwatch.producers.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;

/**
 * Which post each bearer token may write for. A token is compared in constant time against every known token, so
 * the time of a refusal says nothing about how close a guess was. Tokens never appear in logs or messages.
 */
public final class PostTokens {

    private final Map<String, String> postByToken;

    private PostTokens(Map<String, String> postByToken) {
        this.postByToken = Map.copyOf(postByToken);
    }

    /** From lines {@code <postId> <token>} of {@code file} (may be null) and {@code postId:token,...} of {@code inline}. */
    public static PostTokens load(Path file, String inline) {
        Map<String, String> tokens = new LinkedHashMap<>();
        if (file != null) {
            readFile(file, tokens);
        }
        for (String pair : inline.split(",")) {
            if (!pair.isBlank()) {
                add(tokens, pair.trim().split(":", 2), "setting 'gateway.tokens'");
            }
        }
        if (tokens.isEmpty()) {
            throw new ConfigException("no post tokens: set gateway.tokens.file (lines '<postId> <token>') or gateway.tokens");
        }
        return new PostTokens(tokens);
    }

    public Optional<String> postFor(String token) {
        byte[] offered = token.getBytes(StandardCharsets.UTF_8);
        String match = null;
        for (Map.Entry<String, String> known : postByToken.entrySet()) {
            if (MessageDigest.isEqual(known.getKey().getBytes(StandardCharsets.UTF_8), offered)) {
                match = known.getValue();
            }
        }
        return Optional.ofNullable(match);
    }

    public int size() {
        return postByToken.size();
    }

    private static void readFile(Path file, Map<String, String> tokens) {
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    add(tokens, line.trim().split("\\s+", 2), "line " + number + " of " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the gateway's token file " + file, e);
        }
    }

    private static void add(Map<String, String> tokens, String[] postAndToken, String where) {
        if (postAndToken.length != 2 || postAndToken[0].isBlank() || postAndToken[1].length() < 16) {
            throw new ConfigException(where + ": expected a post id and a token of at least 16 characters");
        }
        tokens.put(postAndToken[1].trim(), postAndToken[0].trim());
    }
}
