package org.apache.kafka.common.utils;

/**
 * A bridge, not ours to keep: MirrorMaker 2 4.3.1 (the newest served to our builds) reads Kafka's version here, where
 * kafka-clients 4.4.0 no longer has the class (it moved to {@code utils.internals}). Only what those connectors call.
 * Delete with this package once connect-mirror 4.4.0 is served (pom.xml, {@code connect-mirror.version}).
 */
public final class AppInfoParser {

    private AppInfoParser() {
    }

    public static String getVersion() {
        return org.apache.kafka.common.utils.internals.AppInfoParser.getVersion();
    }
}
