package org.flowwatch.producers.sms;

/** A text that is not a report flowwatch understands; the message says in one line what is wrong, never who sent it. */
public class SmsFormatException extends RuntimeException {

    public SmsFormatException(String problem) {
        super(problem);
    }
}
