package org.flowwatch.producers.replay;

import java.util.ArrayList;
import java.util.List;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;

/** Keeps what a scenario sent, in the order it was sent. */
final class ListSink implements ScenarioSink {

    final List<CrossingEvent> crossings = new ArrayList<>();
    final List<PostHeartbeat> heartbeats = new ArrayList<>();
    final List<SupplyEvent> supplies = new ArrayList<>();
    final List<SiteMovement> movements = new ArrayList<>();

    @Override
    public void crossing(CrossingEvent crossing) {
        crossings.add(crossing);
    }

    @Override
    public void heartbeat(PostHeartbeat heartbeat) {
        heartbeats.add(heartbeat);
    }

    @Override
    public void supply(SupplyEvent supply) {
        supplies.add(supply);
    }

    @Override
    public void movement(SiteMovement movement) {
        movements.add(movement);
    }
}
