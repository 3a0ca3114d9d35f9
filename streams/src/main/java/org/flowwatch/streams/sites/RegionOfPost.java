package org.flowwatch.streams.sites;

import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.flowwatch.schemas.avro.Site;

/** Keys a post's record by the post's region (adm1 in the sites reference data), or by the post if it has none. */
final class RegionOfPost<V> implements Processor<String, V, String, V> {

    private final AlertRules rules;
    private final Function<V, String> postOf;
    private ProcessorContext<String, V> context;
    private ReferenceData reference;

    RegionOfPost(AlertRules rules, Function<V, String> postOf) {
        this.rules = rules;
        this.postOf = postOf;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.reference = ReferenceData.in(context, rules);
    }

    @Override
    public void process(Record<String, V> record) {
        String postId = postOf.apply(record.value());
        context.forward(record.withKey(reference.site(postId).map(Site::getAdm1Code).orElse(postId)));
    }
}
