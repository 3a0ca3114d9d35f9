package org.flowwatch.producers.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowwatch.schemas.testing.CrossingBuilder.aCrossing;

import java.nio.ByteBuffer;
import org.apache.avro.message.BinaryMessageEncoder;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.Test;

class CrossingCodecTest {

    @Test
    void shouldReadAnEntryJournalledBeforeCorrectionsWhenTheBacklogOutlivesAnUpgrade() throws Exception {
        // given a crossing journalled by a version that knew neither revision nor withdrawn
        CrossingEvent crossing = aCrossing().people(7).build();
        ByteBuffer old = new BinaryMessageEncoder<CrossingEvent>(crossing.getSpecificData(), CrossingCodec.beforeAdded(0)).encode(crossing);
        byte[] bytes = new byte[old.remaining()];
        old.get(bytes);

        // when
        CrossingEvent read = CrossingCodec.decode(bytes);

        // then
        assertThat(read.getPeople()).isEqualTo(7);
        assertThat(read.getEventId()).isEqualTo(crossing.getEventId());
        assertThat(read.getRevision()).isZero();
        assertThat(read.getWithdrawn()).isFalse();
    }

    @Test
    void shouldRoundTripARevision() {
        CrossingEvent correction = aCrossing().people(21).revision(3).build();
        assertThat(CrossingCodec.decode(CrossingCodec.encode(correction))).isEqualTo(correction);
    }
}
