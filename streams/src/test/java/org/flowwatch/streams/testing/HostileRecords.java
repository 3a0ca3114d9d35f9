package org.flowwatch.streams.testing;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;

/**
 * The mutations of the fuzz tests, from one seeded {@link Random}: bytes that are not our wire format, Avro cut short
 * or with a flipped bit, a schema id no registry knows, and valid Avro with absurd values or huge strings. Shared by
 * the topology-level {@code HostileInputTest} and the real-broker {@code HostileInputIntegrationTest}.
 */
public final class HostileRecords {

    private final Random random;

    public HostileRecords(long seed) {
        this.random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** Up to 200 random bytes. */
    public byte[] randomBytes() {
        byte[] bytes = new byte[random.nextInt(200)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A valid record cut short anywhere, header included. */
    public byte[] truncated(byte[] valid) {
        return Arrays.copyOf(valid, random.nextInt(valid.length));
    }

    /** One bit flipped in the Avro body (past the wire-format header): may still decode, as something else. */
    public byte[] bitFlipped(byte[] valid) {
        byte[] flipped = valid.clone();
        int at = 5 + random.nextInt(flipped.length - 5);
        flipped[at] ^= (byte) (1 << random.nextInt(8));
        return flipped;
    }

    /** The same body under a schema id (10,000 and up) that no registry of ours has handed out. */
    public byte[] unknownSchemaId(byte[] valid) {
        byte[] renamed = valid.clone();
        ByteBuffer.wrap(renamed).put(0, (byte) 0).putInt(1, 10_000 + random.nextInt(1000));
        return renamed;
    }

    /** A valid crossing of 1 to 8 people at {@code post}, up to a minute before {@code around}; one in ten departs. */
    public CrossingEvent crossing(String post, Instant around) {
        Instant at = around.minusSeconds(random.nextInt(60));
        return CrossingEvent.newBuilder()
                .setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(post).setOccurredAt(at).setRecordedAt(at)
                .setDirection(random.nextInt(10) == 0 ? Direction.DEPARTURE : Direction.ARRIVAL)
                .setPeople(1 + random.nextInt(8)).setVehicles(random.nextInt(2))
                .build();
    }

    /** Well-formed Avro that breaks a rule: negative or absurd people, the year 9999 or 1970, an unknown post. */
    public CrossingEvent absurd(CrossingEvent valid) {
        CrossingEvent.Builder crossing = CrossingEvent.newBuilder(valid).setEventId(new UUID(random.nextLong(), random.nextLong()));
        return switch (random.nextInt(5)) {
            case 0 -> crossing.setPeople(-random.nextInt(1000)).build();
            case 1 -> crossing.setPeople(1_000_000 + random.nextInt(1000)).build();
            case 2 -> crossing.setOccurredAt(Instant.parse("9999-01-01T00:00:00Z")).build();
            case 3 -> crossing.setOccurredAt(Instant.parse("1970-01-02T00:00:00Z")).build();
            default -> crossing.setPostId("nowhere-" + random.nextInt()).build();
        };
    }

    /** A crossing whose post id and origin are {@code chars} characters long each (so no known post). */
    public CrossingEvent huge(CrossingEvent valid, int chars) {
        String text = "x".repeat(chars);
        return CrossingEvent.newBuilder(valid).setEventId(new UUID(random.nextLong(), random.nextLong()))
                .setPostId(text).setOrigin(text).build();
    }

    /**
     * What the counts must hold: of each eventId on the valid topic the last revision published, unless withdrawn. A
     * flipped bit can make a resend a higher revision or a withdrawal of its original: a valid correction.
     */
    public static java.util.List<CrossingEvent> latestRevisions(java.util.List<CrossingEvent> valid) {
        java.util.Map<UUID, CrossingEvent> latest = new java.util.LinkedHashMap<>();
        valid.forEach(crossing -> latest.put(crossing.getEventId(), crossing));
        return latest.values().stream().filter(crossing -> !crossing.getWithdrawn()).toList();
    }
}
