package org.flowwatch.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * The knobs of the edge section ({@code bench.edge.*}): how long the post and the gateway idle and work, at what
 * rates, how many crossings a post resends after an outage, the small-device JVM flags, and which jar they run from.
 */
record EdgeSettings(Duration rest, Duration load, double postRate, double gatewayRate, int resendCrossings,
                    List<String> smallJvmFlags, Optional<Path> productJar) {

    static EdgeSettings from(Settings settings) {
        Duration rest = settings.duration("bench.edge.rest");
        Duration load = settings.duration("bench.edge.load.duration");
        double postRate = settings.decimal("bench.edge.post.rate");
        double gatewayRate = settings.decimal("bench.edge.gateway.rate");
        int resend = settings.integer("bench.edge.resend.crossings");
        if (rest.isNegative() || rest.isZero() || load.isNegative() || load.isZero() || !(postRate > 0) || !(gatewayRate > 0) || resend < 1) {
            throw new ConfigException("settings 'bench.edge.rest', 'bench.edge.load.duration', 'bench.edge.post.rate', "
                    + "'bench.edge.gateway.rate' and 'bench.edge.resend.crossings' must each be above 0");
        }
        List<String> small = Arrays.stream(settings.string("bench.edge.small.jvm").trim().split("\\s+")).toList();
        return new EdgeSettings(rest, load, postRate, gatewayRate, resend, small, productJar(settings));
    }

    /**
     * The product jar named by {@code bench.edge.product.jar}; unset, {@code cli/target/flowwatch.jar} of the tree the
     * bench jar was built in, if there is one (empty: the children run from the bench jar, which holds the product).
     */
    private static Optional<Path> productJar(Settings settings) {
        Optional<Path> named = settings.optional("bench.edge.product.jar").map(Path::of);
        if (named.isPresent() && !Files.isRegularFile(named.get())) {
            throw new ConfigException("setting 'bench.edge.product.jar' names no file: " + named.get());
        }
        Path benchJar = Path.of(System.getProperty("java.class.path")).toAbsolutePath();
        Path beside = benchJar.getParent() == null || benchJar.getParent().getParent() == null ? null
                : benchJar.getParent().getParent().resolveSibling("cli").resolve("target").resolve("flowwatch.jar");
        return named.or(() -> Optional.ofNullable(beside).filter(Files::isRegularFile));
    }

    /** How the children were started, for the report. */
    String launcher() {
        return productJar.map(jar -> "java -jar " + jar.getFileName()).orElse("java -cp <bench jar> " + ChildJvm.MAIN);
    }
}
