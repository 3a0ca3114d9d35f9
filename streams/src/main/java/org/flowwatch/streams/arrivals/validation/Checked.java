package org.flowwatch.streams.arrivals.validation;

/** A record after validation: the value as read, and why it was rejected (null when it is valid). */
public record Checked<V>(V value, Rejection rejection) {

    public static <V> Checked<V> valid(V value) {
        return new Checked<>(value, null);
    }

    public static <V> Checked<V> rejected(V value, Rejection rejection) {
        return new Checked<>(value, rejection);
    }

    public boolean isRejected() {
        return rejection != null;
    }
}
