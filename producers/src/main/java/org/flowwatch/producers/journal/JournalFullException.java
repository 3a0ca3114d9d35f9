package org.flowwatch.producers.journal;

/** The journal reached its disk bound: the crossing was NOT recorded and must be kept some other way (paper). */
public class JournalFullException extends RuntimeException {

    public JournalFullException(String message) {
        super(message);
    }
}
