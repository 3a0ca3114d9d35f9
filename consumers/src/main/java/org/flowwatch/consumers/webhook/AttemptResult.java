package org.flowwatch.consumers.webhook;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt came to. {@code status} is the HTTP status (or SMPP command status) and is absent when no answer
 * came (refused, timed out). {@code error} is shown in the dead-letter headers: never a payload or a phone number.
 */
public record AttemptResult(Kind kind, Optional<Integer> status, Optional<Duration> retryAfter, String error) {

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
        return new AttemptResult(kind, Optional.of(status), retryAfter, kind == Kind.DELIVERED ? "" : "HTTP " + status);
    }

    public static AttemptResult refused(String error) {
        return new AttemptResult(Kind.REJECTED, Optional.empty(), Optional.empty(), error);
    }

    public static AttemptResult noAnswer(String error) {
        return new AttemptResult(Kind.RETRY, Optional.empty(), Optional.empty(), error);
    }

    /** A short metric tag: the status class or "no_answer". */
    public String reason() {
        return status.map(code -> "http_" + code).orElse(kind == Kind.REJECTED ? "url_refused" : "no_answer");
    }
}
