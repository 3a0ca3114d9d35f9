package org.flowwatch.producers.post;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Can this machine reach Kafka right now? One metadata request with a short timeout. */
public final class BrokerProbe {

    private BrokerProbe() {
    }

    /** Empty when reachable; otherwise why not, in one line. */
    public static java.util.Optional<String> problem(Map<String, Object> kafkaClient, Duration timeout) {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return java.util.Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            return java.util.Optional.of("no answer from " + kafkaClient.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)
                    + " within " + timeout.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted");
        }
    }
}
