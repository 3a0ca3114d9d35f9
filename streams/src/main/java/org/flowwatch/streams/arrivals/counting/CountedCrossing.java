package org.flowwatch.streams.arrivals.counting;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.internals.ByteUtils;

/**
 * A crossing on its way to its post's, region's and the operation's counts: the figures it adds, and the crossing as
 * encoded for the crossings topic. The counts read only the figures; the encoded crossing is decoded only when it
 * turns out too late for a window (the late topic carries it whole). Each crossing is encoded once for its three
 * scopes, and nothing is decoded on the way in.
 */
public record CountedCrossing(ArrivalTally figures, byte[] crossing) {

    public long occurredAt() {
        return figures.latest();
    }

    /** The figures, then the encoded crossing behind its length; written by hand for the reason {@link ArrivalTally#serde()} gives. */
    public static Serde<CountedCrossing> serde() {
        Serializer<CountedCrossing> serializer = (topic, counted) -> {
            if (counted == null) {
                return null;
            }
            ByteBuffer out = ByteBuffer.allocate(counted.figures.size() + ByteUtils.sizeOfUnsignedVarint(counted.crossing.length)
                    + counted.crossing.length);
            counted.figures.writeTo(out);
            ByteUtils.writeUnsignedVarint(counted.crossing.length, out);
            out.put(counted.crossing);
            return out.array();
        };
        Deserializer<CountedCrossing> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            ArrivalTally figures = ArrivalTally.readFrom(in);
            byte[] crossing = new byte[ByteUtils.readUnsignedVarint(in)];
            in.get(crossing);
            return new CountedCrossing(figures, crossing);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
