package org.flowwatch.hub;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.utils.internals.Exit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps MirrorMaker from ending the JVM. A Connect herder whose work thread fails (e.g. stopped while it waits for a
 * cluster that a cut link hides) calls Kafka's {@code Exit.exit}: right for a MirrorMaker process of its own, fatal
 * for ours, which also serves metrics (and, in the demo and tests, runs brokers and apps). While a link runs, an exit
 * asked for by a MirrorMaker herder thread ends only that thread, and the link starts a new MirrorMaker at its next
 * check; an exit from any other thread still ends the JVM.
 */
final class HerderExits {

    private static final Logger LOG = LoggerFactory.getLogger(HerderExits.class);
    private static final String HERDER_THREAD = "MirrorHerder-";
    private static final Set<HubLink> LINKS = ConcurrentHashMap.newKeySet();

    private HerderExits() {
    }

    static synchronized void watch(HubLink link) {
        if (LINKS.isEmpty()) {
            Exit.setExitProcedure(HerderExits::exit);
        }
        LINKS.add(link);
    }

    static synchronized void forget(HubLink link) {
        LINKS.remove(link);
        if (LINKS.isEmpty()) {
            Exit.resetExitProcedure();
        }
    }

    private static void exit(int status, String message) {
        if (!Thread.currentThread().getName().startsWith(HERDER_THREAD)) {
            Runtime.getRuntime().exit(status);
            return;
        }
        LOG.warn("MirrorMaker herder {} gave up (exit {}): MirrorMaker will be started again", Thread.currentThread().getName(), status);
        LINKS.forEach(HubLink::herderGaveUp);
    }
}
