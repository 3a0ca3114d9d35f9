package org.flowwatch.streams.sites;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;
import org.flowwatch.schemas.topics.Topics;

/**
 * The ledger is partitioned by site: a site's inputs and its state live in the task of the partition its id falls in.
 * The ledger's internal topic and {@link Topics#SITE_TRANSFERS} have the same number of partitions and the producer's
 * default partitioning of the key, so a site has one owner whichever of the two an input came by.
 */
final class LedgerPartitions {

    static final int COUNT = Topics.SITE_TRANSFERS.partitions();

    private LedgerPartitions() {
    }

    /** The partition of {@code siteId}, as the default partitioner places a String key (murmur2 of its UTF-8 bytes). */
    static int of(String siteId) {
        return Utils.toPositive(Utils.murmur2(siteId.getBytes(StandardCharsets.UTF_8))) % COUNT;
    }
}
