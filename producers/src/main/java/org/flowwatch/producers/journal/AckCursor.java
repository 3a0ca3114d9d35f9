package org.flowwatch.producers.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.zip.CRC32C;

/**
 * The highest sequence Kafka has acknowledged and when, kept in a small checksummed file replaced atomically. If it
 * is lost or damaged the journal starts again from the first entry it holds: that resends crossings with their
 * original eventIds (the streams dedupe drops them), it never loses one.
 */
record AckCursor(long sequence, Instant lastSentAt) {

    static final String FILE = "acked";
    private static final int SIZE = Long.BYTES * 2 + Integer.BYTES;

    static AckCursor none() {
        return new AckCursor(0, null);
    }

    static AckCursor read(Path dir) {
        Path file = dir.resolve(FILE);
        try {
            if (!Files.exists(file)) {
                return none();
            }
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length != SIZE) {
                return none();
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            long sequence = buffer.getLong();
            long sentMillis = buffer.getLong();
            return buffer.getInt() == checksum(bytes) ? new AckCursor(sequence, sentMillis < 0 ? null : Instant.ofEpochMilli(sentMillis)) : none();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the journal's ack cursor " + file, e);
        }
    }

    void write(Path dir) {
        ByteBuffer buffer = ByteBuffer.allocate(SIZE);
        buffer.putLong(sequence).putLong(lastSentAt == null ? -1 : lastSentAt.toEpochMilli());
        buffer.putInt(checksum(buffer.array()));
        Path temporary = dir.resolve(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(buffer.flip());
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal's ack cursor in " + dir, e);
        }
        try {
            Files.move(temporary, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace the journal's ack cursor in " + dir, e);
        }
    }

    private static int checksum(byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, Long.BYTES * 2);
        return (int) crc.getValue();
    }
}
