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
 * How far the pull got: the latest {@code __system/submissionDate} whose submissions Kafka acknowledged, and the
 * instance ids seen at exactly that date. The next pull asks for {@code submissionDate ge} it (so a submission
 * stored in the same millisecond is not missed) and skips the ids already seen there (so none is published again).
 * Kept in a small JSON file, replaced atomically and forced to disk only after a run was acknowledged.
 */
public record OdkCursor(Optional<Instant> submissionDate, Set<String> idsAtDate) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static final OdkCursor START = new OdkCursor(Optional.empty(), Set.of());

    public OdkCursor {
        idsAtDate = Set.copyOf(idsAtDate);
    }

    /** Whether a submission is past the cursor (not yet published). */
    public boolean isNew(String instanceId, Instant submitted) {
        return submissionDate.map(date -> submitted.isAfter(date) || submitted.equals(date) && !idsAtDate.contains(instanceId))
                .orElse(true);
    }

    /** The cursor after a submission was published. */
    public OdkCursor after(String instanceId, Instant submitted) {
        if (submissionDate.isEmpty() || submitted.isAfter(submissionDate.get())) {
            return new OdkCursor(Optional.of(submitted), Set.of(instanceId));
        }
        if (submitted.equals(submissionDate.get())) {
            Set<String> ids = new HashSet<>(idsAtDate);
            ids.add(instanceId);
            return new OdkCursor(submissionDate, ids);
        }
        return this;
    }

    public static OdkCursor load(Path file) {
        if (!Files.exists(file)) {
            return START;
        }
        try {
            JsonNode saved = JSON.readTree(file.toFile());
            Set<String> ids = new HashSet<>();
            saved.path("idsAtDate").forEach(id -> ids.add(id.asText()));
            return new OdkCursor(Optional.of(Instant.parse(saved.path("submissionDate").asText())), ids);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the ODK cursor file " + file + " cannot be read (" + e.getMessage()
                    + "); move it away to pull everything again (resent submissions are counted once)", e);
        }
    }

    public void save(Path file) {
        if (submissionDate.isEmpty()) {
            return;
        }
        ObjectNode saved = JSON.createObjectNode().put("submissionDate", submissionDate.get().toString());
        new TreeSet<>(idsAtDate).forEach(saved.putArray("idsAtDate")::add);
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
