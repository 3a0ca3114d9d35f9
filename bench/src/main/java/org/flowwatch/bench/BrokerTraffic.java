package org.flowwatch.bench;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * What reached the bench's own broker, read from its metrics in this JVM (the embedded broker runs here), so reading
 * them puts no byte on the wire: every byte clients sent to and received from its client listener, and the records,
 * record-batch bytes and produce requests of one topic. While a single client talks to the broker, the difference
 * of two readings is that client's traffic.
 */
final class BrokerTraffic {

    private static final String LISTENER = "PLAINTEXT";
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String topic;

    BrokerTraffic(String topic) {
        this.topic = topic;
    }

    /** Totals since the broker started. */
    record Reading(double bytesIn, double bytesOut, double records, double recordBatchBytes, double produceRequests) {

        Reading minus(Reading earlier) {
            return new Reading(bytesIn - earlier.bytesIn, bytesOut - earlier.bytesOut, records - earlier.records,
                    recordBatchBytes - earlier.recordBatchBytes, produceRequests - earlier.produceRequests);
        }
    }

    Reading read() {
        try {
            return new Reading(listener("incoming-byte-total"), listener("outgoing-byte-total"), topicCount("MessagesInPerSec"),
                    topicCount("BytesInPerSec"), topicCount("TotalProduceRequestsPerSec"));
        } catch (JMException e) {
            throw new IllegalStateException("could not read the embedded broker's metrics: " + e.getMessage(), e);
        }
    }

    // Summed over the listener's network processors; the broker's selector names what it receives "incoming".
    private double listener(String attribute) throws JMException {
        var processors = server.queryNames(new ObjectName("kafka.server:type=socket-server-metrics,listener=" + LISTENER
                + ",networkProcessor=*"), null);
        if (processors.isEmpty()) {
            throw new IllegalStateException("the embedded broker has no socket-server metrics for listener " + LISTENER + " in JMX");
        }
        double total = 0;
        for (ObjectName processor : processors) {
            total += ((Number) server.getAttribute(processor, attribute)).doubleValue();
        }
        return total;
    }

    // A topic's meters appear with its first produce request: none yet means zero.
    private double topicCount(String meter) throws JMException {
        ObjectName name = new ObjectName("kafka.server:type=BrokerTopicMetrics,name=" + meter + ",topic=" + topic);
        return server.isRegistered(name) ? ((Number) server.getAttribute(name, "Count")).doubleValue() : 0;
    }
}
