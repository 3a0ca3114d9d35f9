package org.flowwatch.producers.publish;

/** Crossings handed to Kafka were not acknowledged; the caller must keep them (journal) or report the loss. */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
