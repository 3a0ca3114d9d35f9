package org.flowwatch.bench.flink;

import org.apache.flink.api.java.functions.KeySelector;

/** Groups crossings by post (a named class: Flink reads the key type from it, which a lambda's erasure may hide). */
final class PostIdKey implements KeySelector<String, String> {

    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(String postId) {
        return postId;
    }
}
