package org.flowwatch.streams.sites;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.flowwatch.streams.sites.ledger.SiteLedger;

/**
 * The ledger's own state as JSON in its store and changelog. It is internal (no other app reads it), so it needs no
 * contract in the registry; JSON with unknown fields ignored lets the next version add a field without a reset.
 */
final class LedgerSerde {

    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private LedgerSerde() {
    }

    static Serde<SiteLedger> siteLedger() {
        return Serdes.serdeFrom((topic, ledger) -> write(ledger), (topic, bytes) -> read(bytes));
    }

    private static byte[] write(SiteLedger ledger) {
        try {
            return ledger == null ? null : JSON.writeValueAsBytes(ledger);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a site ledger", e);
        }
    }

    private static SiteLedger read(byte[] bytes) {
        try {
            return bytes == null ? null : JSON.readValue(bytes, SiteLedger.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read a site ledger from its store", e);
        }
    }
}
