package org.flowwatch.streams.arrivals.query;

/** A query parameter that is missing or malformed; answered with HTTP 400 and this message. */
public final class BadQueryParameter extends RuntimeException {

    public BadQueryParameter(String parameter, String expected) {
        super("parameter '" + parameter + "' " + expected);
    }
}
