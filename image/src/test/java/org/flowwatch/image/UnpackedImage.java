package org.flowwatch.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An image tarball (`docker save` format, as Jib writes it) unpacked as a container runtime would: its layers
 * extracted in order into one root, /proc mounted, commands run there through chroot as the image's user, with the
 * image's environment. Needs root (chroot, mount).
 *
 * @param config the image's own settings: Entrypoint, User, ExposedPorts, Env, WorkingDir
 */
record UnpackedImage(Path root, JsonNode manifest, JsonNode config) implements AutoCloseable {

    static UnpackedImage unpack(Path tarball, Path dir) throws IOException, InterruptedException {
        Path archive = Files.createDirectories(dir.resolve("archive"));
        Path root = Files.createDirectories(dir.resolve("root"));
        run(List.of("tar", "-xf", tarball.toString(), "-C", archive.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(archive.resolve("manifest.json").toFile()).get(0);
        for (JsonNode layer : manifest.get("Layers")) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", archive.resolve(layer.asText()).toString(),
                    "-C", root.toString()));
        }
        JsonNode config = json.readTree(archive.resolve(manifest.get("Config").asText()).toFile()).get("config");
        Files.createDirectories(root.resolve("proc"));
        run(List.of("mount", "-t", "proc", "proc", root.resolve("proc").toString()));
        return new UnpackedImage(root, manifest, config);
    }

    /** Runs the image's entrypoint with these arguments, as `docker run IMAGE args...` would. */
    Result runEntrypoint(String... args) throws IOException, InterruptedException {
        return runInside(entrypoint(args));
    }

    /** Runs a program of the image as the image's user. */
    Result runInside(List<String> command) throws IOException, InterruptedException {
        Process process = inside(command).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** Starts the image's entrypoint with these arguments in the background, its output going to the log. */
    Process startEntrypoint(Path log, String... args) throws IOException {
        return inside(entrypoint(args)).redirectOutput(log.toFile()).start();
    }

    private List<String> entrypoint(String... args) {
        List<String> command = new ArrayList<>();
        config.get("Entrypoint").forEach(part -> command.add(part.asText()));
        command.addAll(List.of(args));
        return command;
    }

    private ProcessBuilder inside(List<String> command) {
        List<String> chrooted = new ArrayList<>(List.of("chroot", "--userspec=" + config.get("User").asText(),
                root.toString()));
        chrooted.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(chrooted).redirectErrorStream(true);
        builder.environment().clear();
        config.get("Env").forEach(entry -> {
            String[] pair = entry.asText().split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        });
        return builder;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", root.resolve("proc").toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    record Result(int exitCode, String output) {
    }
}
