package org.flowwatch.streams.arrivals.validation;

import java.util.Locale;

/** Why a record was not counted: a reason code for machines and dashboards, and the field at fault. */
public record Rejection(Reason reason, String field) {

    /** The reason codes written in the {@code flowwatch.reject.reason} header. */
    public enum Reason {
        UNDECODABLE, UNKNOWN_POST, NOT_A_BORDER_POST, PEOPLE_OUT_OF_RANGE, BREAKDOWN_EXCEEDS_PEOPLE, NEGATIVE_COUNT,
        IN_THE_FUTURE, BEFORE_HORIZON, MISSING_FIELD;

        /** Kebab-case form for metric names, e.g. {@code unknown-post}. */
        public String metricName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public static Rejection of(Reason reason, String field) {
        return new Rejection(reason, field);
    }
}
