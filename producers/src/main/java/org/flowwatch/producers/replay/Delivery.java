package org.flowwatch.producers.replay;

import java.time.Instant;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.PostHeartbeat;
import org.flowwatch.schemas.avro.SiteMovement;
import org.flowwatch.schemas.avro.SupplyEvent;

/** One thing the scenario sends, and when (event time): a crossing (first send or resend), a heartbeat, a supply, a movement. */
sealed interface Delivery {

    Instant deliverAt();

    record Crossing(Instant deliverAt, CrossingEvent crossing, boolean resend) implements Delivery {
    }

    record Heartbeat(Instant deliverAt, PostHeartbeat heartbeat) implements Delivery {
    }

    record Supply(Instant deliverAt, SupplyEvent supply) implements Delivery {
    }

    record Movement(Instant deliverAt, SiteMovement movement) implements Delivery {
    }
}
