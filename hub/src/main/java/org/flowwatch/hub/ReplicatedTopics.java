package org.flowwatch.hub;

import java.util.List;
import org.flowwatch.schemas.topics.TopicSpec;
import org.flowwatch.schemas.topics.Topics;

/**
 * Which topics cross the link, and which way. Each topic flows one way only: with topic names kept as they are
 * (IdentityReplicationPolicy), MirrorMaker cannot tell a record it copied from one written locally, so a topic
 * replicated both ways would loop.
 *
 * <p>Up (hub to centre): what happens in the region, so the centre counts every region. Down (centre to hub): the
 * reference data the region's sites app needs. Never: every app output (counts, valid crossings, site status, alerts),
 * which each cluster computes for itself from the same inputs; in particular the hub's alerts stay at the hub, and the
 * centre raises its own, so no episode is raised twice at the centre.
 */
public final class ReplicatedTopics {

    public static final List<TopicSpec<?, ?>> UP = List.of(Topics.CROSSINGS, Topics.HEARTBEATS, Topics.SUPPLIES,
            Topics.SITE_MOVEMENTS);
    public static final List<TopicSpec<?, ?>> DOWN = List.of(Topics.SITES, Topics.ITEMS, Topics.THRESHOLDS);

    private ReplicatedTopics() {
    }

    static List<String> names(List<TopicSpec<?, ?>> topics) {
        return topics.stream().map(TopicSpec::name).toList();
    }
}
