package org.flowwatch.hub;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.connect.mirror.MirrorMaker;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;
import org.apache.kafka.connect.mirror.SourceAndTarget;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub's link to the centre: Kafka's MirrorMaker 2 in dedicated mode, in this process (one herder per direction,
 * its state in Kafka topics, no REST server). Dedicated mode rather than the connectors on a Connect cluster: a hub
 * is one small box with no Connect cluster to run, and MirrorMaker keeps its own progress in both clusters, so a
 * stop and start anywhere resumes where it left off.
 *
 * <p>A watchdog checks every {@code hub.check.every} that the centre answers: when it does not, MirrorMaker is
 * stopped (its producers would otherwise sit on full buffers and its tasks could fail for good); when it answers
 * again, a fresh MirrorMaker starts and copies the backlog. A replication task that failed is restarted the same way.
 */
public final class HubLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubLink.class);

    private final HubSettings settings;
    private final Map<String, String> config;
    private final ReplicationLag lag;
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "hub-link-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    private MirrorMaker mirror;
    private boolean paused;
    private int starts;
    private volatile boolean gaveUp;

    private HubLink(HubSettings settings) {
        this.settings = settings;
        this.config = MirrorConfig.of(settings);
        this.lag = new ReplicationLag(settings);
    }

    /** Starts replicating (if the centre answers) and watching the link. */
    public static HubLink start(HubSettings settings) {
        HubLink link = new HubLink(settings);
        HerderExits.watch(link);
        link.check();
        long every = settings.checkEvery().toMillis();
        link.watchdog.scheduleWithFixedDelay(link::checkQuietly, every, every, TimeUnit.MILLISECONDS);
        return link;
    }

    /** Stops replication until {@link #resume()}: an operator's (or the demo's) cut of the link. */
    public synchronized void pause() {
        paused = true;
        stopMirror();
    }

    public synchronized void resume() {
        paused = false;
        check();
    }

    /** Stops MirrorMaker and starts a new one at once, as a process restart would. */
    public synchronized void restart() {
        stopMirror();
        check();
    }

    public synchronized boolean isReplicating() {
        return mirror != null;
    }

    /** How many times MirrorMaker was started. */
    public synchronized int starts() {
        return starts;
    }

    public ReplicationLag lag() {
        return lag;
    }

    /** The MirrorMaker settings a link with {@code settings} runs with (`flowwatch hub --print-config`). */
    public static Map<String, String> mirrorConfigOf(HubSettings settings) {
        return MirrorConfig.of(settings);
    }

    private void checkQuietly() {
        try {
            check();
            lag.refresh();
        } catch (RuntimeException e) {
            LOG.warn("hub link check failed: {}", e.toString());
        }
    }

    private synchronized void check() {
        if (paused) {
            return;
        }
        boolean centreAnswers = answers(settings.centreKafka());
        if (mirror != null && (gaveUp || !centreAnswers || replicationFailed())) {
            LOG.warn("link to centre {} {}: stopping replication until it answers", settings.centreName(),
                    centreAnswers ? "failed" : "does not answer");
            stopMirror();
        }
        if (mirror == null && centreAnswers) {
            startMirror();
        }
    }

    private boolean answers(Map<String, Object> kafka) {
        long timeout = settings.checkEvery().toMillis();
        Map<String, Object> admin = new HashMap<>(kafka);
        admin.put("request.timeout.ms", (int) timeout);
        admin.put("default.api.timeout.ms", (int) timeout);
        try (Admin client = Admin.create(admin)) {
            client.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout)).clusterId().get();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception unreachable) {
            return false;
        }
    }

    private boolean replicationFailed() {
        try {
            ConnectorStateInfo up = mirror.connectorStatus(new SourceAndTarget(settings.hubName(), settings.centreName()),
                    MirrorSourceConnector.class.getSimpleName());
            // Connect's own task logs are quieted (log4j2.xml): say here, in one line, why a task failed.
            return up.tasks().stream().filter(task -> "FAILED".equals(task.state())).peek(task -> LOG.warn(
                    "replication task {} failed: {}", task.id(), firstLine(task.trace()))).findAny().isPresent();
        } catch (RuntimeException notYetKnown) {
            return false; // the herder has not joined its group yet
        }
    }

    private static String firstLine(String trace) {
        return trace == null ? "no reason given" : trace.lines().findFirst().orElse("no reason given");
    }

    /** A herder of this link's MirrorMaker ended its thread (it would have ended the JVM): start a new one. */
    void herderGaveUp() {
        gaveUp = true;
    }

    private void startMirror() {
        gaveUp = false;
        mirror = new MirrorMaker(config, List.of(settings.hubName(), settings.centreName()));
        mirror.start();
        starts++;
        LOG.info("replicating {} <-> {} (start {})", settings.hubName(), settings.centreName(), starts);
    }

    private void stopMirror() {
        if (mirror != null) {
            mirror.stop();
            mirror.awaitStop();
            mirror = null;
        }
    }

    @Override
    public void close() {
        HerderExits.forget(this);
        watchdog.shutdownNow();
        synchronized (this) {
            stopMirror();
        }
        lag.close();
    }
}
