package org.flowwatch.producers.post;

/** One field of a submitted crossing is missing or wrong; the message names it and never repeats other values. */
public class FieldException extends RuntimeException {

    private final String field;

    public FieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
