package org.apache.kafka.common.utils;

/**
 * A bridge, not ours to keep: MirrorMaker 2 4.3.1 ends the JVM and adds shutdown hooks through this class, which
 * kafka-clients 4.4.0 moved to {@code utils.internals}. It passes to the moved class, so the exit procedure the hub
 * sets there ({@code HerderExits}) applies to MirrorMaker too. Delete with {@link AppInfoParser}.
 */
public final class Exit {

    private Exit() {
    }

    public static void exit(int statusCode) {
        org.apache.kafka.common.utils.internals.Exit.exit(statusCode);
    }

    public static void addShutdownHook(String name, Runnable runnable) {
        org.apache.kafka.common.utils.internals.Exit.addShutdownHook(name, runnable);
    }
}
