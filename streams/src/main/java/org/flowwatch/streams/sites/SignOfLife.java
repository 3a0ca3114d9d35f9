package org.flowwatch.streams.sites;

/**
 * What a post was last heard by: a crossing or a heartbeat. The silence judge needs only that it was heard (the key
 * says by which post), so the merged stream carries this and not the two records themselves.
 */
enum SignOfLife {
    CROSSING,
    HEARTBEAT
}
