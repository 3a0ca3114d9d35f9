package org.flowwatch.bench.flink;

import org.apache.flink.api.common.functions.AggregateFunction;

/** The crossings in one post's window, counted as they arrive (one long per window, not a list of crossings). */
final class CountCrossings implements AggregateFunction<String, Long, Long> {

    private static final long serialVersionUID = 1L;

    @Override
    public Long createAccumulator() {
        return 0L;
    }

    @Override
    public Long add(String postId, Long count) {
        return count + 1;
    }

    @Override
    public Long getResult(Long count) {
        return count;
    }

    @Override
    public Long merge(Long a, Long b) {
        return a + b;
    }
}
