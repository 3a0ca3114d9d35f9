package org.flowwatch.producers.odk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How far the pull got: the latest change (a submission's {@code __system/submissionDate}, or its
 * {@code __system/updatedAt} once edited) whose crossings Kafka acknowledged, and the versions (instance id and edit
 * count) seen at exactly that time. The next pull asks for submissions submitted or updated at or after it (so one
 * stored in the same millisecond is not missed, and an edit made in Central later is read) and skips the versions
 * already seen there (so none is published again). Kept in a small JSON file, replaced atomically and forced to disk
 * only after a run was acknowledged.
 */
public record OdkCursor(Optional<Instant> changedAt, Set<String> versionsAtDate) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final OdkCursor START = new OdkCursor(Optional.empty(), Set.of());

    public OdkCursor {
        versionsAtDate = Set.copyOf(versionsAtDate);
    }

    /** Whether a version of a submission, changed at {@code changed}, is past the cursor (not yet published). */
    public boolean isNew(String version, Instant changed) {
        return changedAt.map(date -> changed.isAfter(date) || changed.equals(date) && !versionsAtDate.contains(version))
                .orElse(true);
    }

    /** The cursor after a version was published. */
    public OdkCursor after(String version, Instant changed) {
        if (changedAt.isEmpty() || changed.isAfter(changedAt.get())) {
            return new OdkCursor(Optional.of(changed), Set.of(version));
        }
        if (changed.equals(changedAt.get())) {
            Set<String> versions = new HashSet<>(versionsAtDate);
            versions.add(version);
            return new OdkCursor(changedAt, versions);
        }
        return this;
    }

    public static OdkCursor load(Path file) {
        if (!Files.exists(file)) {
            return START;
        }
        try {
            JsonNode saved = JSON.readTree(file.toFile());
            Set<String> versions = new HashSet<>();
            saved.path("versionsAtDate").forEach(version -> versions.add(version.asText()));
            // a cursor written before edits were pulled names its date submissionDate (its ids are re-read once;
            // the streams app drops a version it has counted)
            String at = saved.has("changedAt") ? saved.path("changedAt").asText() : saved.path("submissionDate").asText();
            return new OdkCursor(Optional.of(Instant.parse(at)), versions);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the ODK cursor file " + file + " cannot be read (" + e.getMessage()
                    + "); move it away to pull everything again (resent submissions are counted once)", e);
        }
    }

    public void save(Path file) {
        if (changedAt.isEmpty()) {
            return;
        }
        ObjectNode saved = JSON.createObjectNode().put("changedAt", changedAt.get().toString());
        new TreeSet<>(versionsAtDate).forEach(saved.putArray("versionsAtDate")::add);
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path next = dir.resolve(file.getFileName() + ".next");
            try (FileChannel channel = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(saved)));
                channel.force(true);
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the ODK cursor file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
