package org.flowwatch.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace joined to this host by a veth pair ({@code 10.213.N.1} here, {@code .2} inside), so a
 * child process can run "on another machine" whose link the test cuts and restores. Needs root and iproute2.
 *
 * @param hostAddress this host's end of the link: what processes inside reach this host on
 */
record IsolatedNetwork(String namespace, String hostLink, String hostAddress) implements AutoCloseable {

    /** A new namespace, or why there cannot be one here (not root, no `ip`, namespaces refused). */
    static Result create() {
        int id = ThreadLocalRandom.current().nextInt(0x10000);
        String namespace = "flowwatch-" + Integer.toHexString(id);
        String hostLink = "fwh" + Integer.toHexString(id);
        String innerLink = "fwn" + Integer.toHexString(id);
        String subnet = "10.213." + (id % 250 + 1) + ".";
        IsolatedNetwork network = new IsolatedNetwork(namespace, hostLink, subnet + "1");
        try {
            run("ip", "netns", "add", namespace);
            run("ip", "link", "add", hostLink, "type", "veth", "peer", "name", innerLink);
            run("ip", "link", "set", innerLink, "netns", namespace);
            run("ip", "addr", "add", subnet + "1/30", "dev", hostLink);
            run("ip", "link", "set", hostLink, "up");
            network.runInside("ip", "addr", "add", subnet + "2/30", "dev", innerLink);
            network.runInside("ip", "link", "set", innerLink, "up");
            network.runInside("ip", "link", "set", "lo", "up");
            return new Result(Optional.of(network), "");
        } catch (IOException | IllegalStateException unusable) {
            network.close();
            return new Result(Optional.empty(), "no network namespace here (needs root and iproute2's `ip netns`): " + unusable.getMessage());
        }
    }

    record Result(Optional<IsolatedNetwork> network, String whyNot) {
    }

    /** {@code command} prefixed so that it runs inside the namespace. */
    List<String> inside(List<String> command) {
        List<String> inside = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        inside.addAll(command);
        return inside;
    }

    /** Takes the link down: packets between the namespace and this host are lost, connections hang. */
    void cut() throws IOException {
        run("ip", "link", "set", hostLink, "down");
    }

    void restore() throws IOException {
        run("ip", "link", "set", hostLink, "up");
    }

    private void runInside(String... command) throws IOException {
        run(inside(List.of(command)).toArray(String[]::new));
    }

    private static void run(String... command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }

    /** Deletes the veth pair and the namespace. */
    @Override
    public void close() {
        for (String[] command : List.of(new String[] {"ip", "link", "del", hostLink}, new String[] {"ip", "netns", "del", namespace})) {
            try {
                run(command);
            } catch (IOException | IllegalStateException alreadyGone) {
                // Never created, or gone already: nothing to clean up.
            }
        }
    }
}
