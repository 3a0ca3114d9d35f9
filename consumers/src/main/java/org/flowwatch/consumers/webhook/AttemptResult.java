package org.flowwatch.consumers.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt came to. {@code status} is the HTTP status (or the SMPP command status) and is absent when no
 * answer came (refused, timed out). {@code error} goes into the dead-letter headers and {@code reason} into a metric
 * tag: never a payload or a phone number.
 */
public record AttemptResult(Kind kind, Optional<Integer> status, Optional<Duration> retryAfter, String error, String reason) {

    public enum Kind {
        /** 2xx. */
        DELIVERED,
        /** 408, 425, 429, 5xx, or no answer: try again later. */
        RETRY,
        /** 410: the endpoint says it is gone for good; disable it. */
        GONE,
        /** Any other status: retrying would get the same answer. */
        REJECTED
    }

    public static AttemptResult ofStatus(int status, Optional<Duration> retryAfter) {
        Kind kind;
        if (status >= 200 && status < 300) {
            kind = Kind.DELIVERED;
        } else if (status == 410) {
            kind = Kind.GONE;
        } else if (status == 408 || status == 425 || status == 429 || status >= 500) {
            kind = Kind.RETRY;
        } else {
            kind = Kind.REJECTED;
        }
        return new AttemptResult(kind, Optional.of(status), retryAfter, kind == Kind.DELIVERED ? "" : "HTTP " + status, "http_" + status);
    }

    public static AttemptResult refused(String error) {
        return new AttemptResult(Kind.REJECTED, Optional.empty(), Optional.empty(), error, "url_refused");
    }

    /** The alert could not be made into a message for this endpoint (a bug or a setting): retrying would fail again. */
    public static AttemptResult unsendable(String error) {
        return new AttemptResult(Kind.REJECTED, Optional.empty(), Optional.empty(), error, "unsendable");
    }

    public static AttemptResult noAnswer(String error) {
        return new AttemptResult(Kind.RETRY, Optional.empty(), Optional.empty(), error, "no_answer");
    }

    /** An answer of another protocol (SMPP): its status code, and the metric tag, e.g. {@code smpp_88}. */
    public static AttemptResult answered(Kind kind, int status, String error, String reason) {
        return new AttemptResult(kind, Optional.of(status), Optional.empty(), error, reason);
    }

    public static AttemptResult delivered() {
        return new AttemptResult(Kind.DELIVERED, Optional.empty(), Optional.empty(), "", "delivered");
    }
}
