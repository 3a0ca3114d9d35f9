package org.flowwatch.consumers.webhook;

/** A rendered request body and its content type. */
public record Payload(String contentType, String body) {
}
