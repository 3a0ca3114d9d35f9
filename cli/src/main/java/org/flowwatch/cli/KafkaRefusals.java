package org.flowwatch.cli;

import org.apache.commons.lang3.exception.ExceptionUtils;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/** Kafka's login and permission refusals, anywhere in a cause chain, as one line saying which settings to check. */
final class KafkaRefusals {

    private KafkaRefusals() {
    }

    /** The line for a refusal, or null when {@code e} was not caused by one. */
    static String explain(Throwable e) {
        SslAuthenticationException tls = ExceptionUtils.throwableOfType(e, SslAuthenticationException.class);
        if (tls != null) {
            return "TLS with Kafka failed (" + OneLineErrors.firstLine(tls)
                    + "): check kafka.ssl.truststore.location and kafka.ssl.truststore.password, and kafka.ssl.keystore.location"
                    + " if the listener asks for a client certificate";
        }
        AuthenticationException login = ExceptionUtils.throwableOfType(e, AuthenticationException.class);
        if (login != null) {
            return "Kafka refused the login (" + OneLineErrors.firstLine(login)
                    + "): check the user and password in kafka.sasl.jaas.config and kafka.sasl.mechanism";
        }
        AuthorizationException access = ExceptionUtils.throwableOfType(e, AuthorizationException.class);
        if (access != null) {
            return "Kafka refused access (" + OneLineErrors.firstLine(access)
                    + "): the principal lacks an ACL (see flowwatch topics apply --acls and acl.*)";
        }
        return null;
    }
}
