package org.flowwatch.cli;

import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** Kafka's login and permission refusals, anywhere in a cause chain, as one line saying which settings to check. */
final class KafkaRefusals {

    private KafkaRefusals() {
    }

    /** The line for a refusal, or null when {@code e} was not caused by one. */
    static String explain(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SslAuthenticationException) {
                return "TLS with Kafka failed (" + OneLineErrors.firstLine(cause)
                        + "): check kafka.ssl.truststore.location and kafka.ssl.truststore.password";
            }
            if (cause instanceof AuthenticationException) {
                return "Kafka refused the login (" + OneLineErrors.firstLine(cause)
                        + "): check the user and password in kafka.sasl.jaas.config and kafka.sasl.mechanism";
            }
            if (cause instanceof AuthorizationException) {
                return "Kafka refused access (" + OneLineErrors.firstLine(cause)
                        + "): the principal lacks an ACL (see flowwatch topics apply --acls and acl.*)";
            }
        }
        return null;
    }
}
