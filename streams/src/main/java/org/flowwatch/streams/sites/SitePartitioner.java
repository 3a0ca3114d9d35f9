package org.flowwatch.streams.sites;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.flowwatch.schemas.avro.SiteInput;

/**
 * Which partition of the ledger holds a site: Kafka's own hash of the key (murmur2, as the producer's default), named
 * here so that the ledger can tell whether the other site of a transfer is held by its own task (one atomic step)
 * or by another one (a hand-over through {@code flowwatch.sites.handovers.v1}).
 */
final class SitePartitioner implements StreamPartitioner<String, SiteInput> {

    static int partitionOf(String siteId, int partitions) {
        return Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, String siteId, SiteInput input, int partitions) {
        return Optional.of(Set.of(partitionOf(siteId, partitions)));
    }
}
