package org.flowwatch.bench.flink;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** A closed window's count with the post it belongs to: the pair the sink writes as key and value. */
final class TagWithPost extends ProcessWindowFunction<Long, Tuple2<String, Long>, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    @Override
    public void process(String postId, Context context, Iterable<Long> counts, Collector<Tuple2<String, Long>> out) {
        counts.forEach(count -> out.collect(Tuple2.of(postId, count)));
    }
}
