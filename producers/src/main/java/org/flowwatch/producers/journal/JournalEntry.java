package org.flowwatch.producers.journal;

import org.flowwatch.schemas.avro.CrossingEvent;

/** One recorded crossing and its place in the journal (sequences only grow, also across restarts). */
public record JournalEntry(long sequence, CrossingEvent crossing) {
}
