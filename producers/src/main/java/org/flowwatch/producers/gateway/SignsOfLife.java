package org.flowwatch.producers.gateway;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.flowwatch.producers.publish.TopicPublisher;
import org.flowwatch.schemas.avro.PostHeartbeat;

/**
 * A post heard through the gateway (a Kobo or ODK submission, or {@code POST /v1/ping}) as a {@link PostHeartbeat}:
 * posts that report through form apps run no post client and send no heartbeats of their own, and the sites app's
 * POST_SILENT would otherwise take a quiet night for a dead post.
 */
@FunctionalInterface
public interface SignsOfLife {

    String CLIENT_VERSION = "gateway";

    Future<RecordMetadata> heard(String postId, Instant at);

    /** Writes nothing (tests and tools that run the gateway without a heartbeats topic). */
    static SignsOfLife none() {
        return (postId, at) -> CompletableFuture.completedFuture(null);
    }

    static SignsOfLife to(TopicPublisher<PostHeartbeat> heartbeats) {
        return (postId, at) -> heartbeats.publish(postId, at, PostHeartbeat.newBuilder().setPostId(postId).setSentAt(at)
                .setClientVersion(CLIENT_VERSION).build());
    }
}
