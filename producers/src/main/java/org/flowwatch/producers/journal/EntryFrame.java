package org.flowwatch.producers.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * How one journal entry lies on disk: {@code [length:int][crc32c:int][sequence:long][payload]}, where length counts
 * sequence and payload and the checksum covers the length and everything after it. A torn write or a flipped bit
 * makes the checksum fail, so a damaged entry is never mistaken for a crossing.
 */
final class EntryFrame {

    static final int HEADER = Integer.BYTES + Integer.BYTES;
    static final int MIN_BODY = Long.BYTES + 1;
    static final int MAX_BODY = 64 * 1024;

    private EntryFrame() {
    }

    static ByteBuffer encode(long sequence, byte[] payload) {
        int length = Long.BYTES + payload.length;
        if (length > MAX_BODY) {
            throw new IllegalArgumentException("a journal entry may hold at most " + MAX_BODY + " bytes, got " + length);
        }
        ByteBuffer frame = ByteBuffer.allocate(HEADER + length);
        frame.putInt(length).putInt(0).putLong(sequence).put(payload);
        frame.putInt(Integer.BYTES, checksum(frame.array(), 0, length));
        return frame.flip();
    }

    /** The entry starting at {@code position}, or null when no intact entry starts there. */
    static Decoded decodeAt(byte[] bytes, int position) {
        if (position + HEADER + MIN_BODY > bytes.length) {
            return null;
        }
        ByteBuffer view = ByteBuffer.wrap(bytes);
        int length = view.getInt(position);
        if (length < MIN_BODY || length > MAX_BODY || position + HEADER + length > bytes.length) {
            return null;
        }
        if (view.getInt(position + Integer.BYTES) != checksum(bytes, position, length)) {
            return null;
        }
        long sequence = view.getLong(position + HEADER);
        byte[] payload = new byte[length - Long.BYTES];
        System.arraycopy(bytes, position + HEADER + Long.BYTES, payload, 0, payload.length);
        return new Decoded(sequence, payload, position, position + HEADER + length);
    }

    private static int checksum(byte[] bytes, int frameStart, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, frameStart, Integer.BYTES);
        crc.update(bytes, frameStart + HEADER, length);
        return (int) crc.getValue();
    }

    record Decoded(long sequence, byte[] payload, int start, int end) {
    }
}
