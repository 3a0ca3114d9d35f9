package org.flowwatch.producers.replay;

import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;

/** Where a scenario's records go: Kafka in a replay, a list in a test. */
public interface ScenarioSink {

    void crossing(CrossingEvent crossing);

    void heartbeat(PostHeartbeat heartbeat);

    void supply(SupplyEvent supply);

    void movement(SiteMovement movement);
}
