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
        byte[] bytes = journalledBefore(0, crossing);

        // when
        CrossingEvent read = CrossingCodec.decode(bytes);

        // then
        assertThat(read.getPeople()).isEqualTo(7);
        assertThat(read.getEventId()).isEqualTo(crossing.getEventId());
        assertThat(read.getRevision()).isZero();
        assertThat(read.getWithdrawn()).isFalse();
    }

    @Test
    void shouldReadACorrectionJournalledBeforeUnlistedDestinationsWereMarked() throws Exception {
        // given a correction journalled by a version that knew revisions but not destinationUnlisted
        CrossingEvent correction = aCrossing().people(21).revision(3).build();
        byte[] bytes = journalledBefore(2, correction);

        // when
        CrossingEvent read = CrossingCodec.decode(bytes);

        // then
        assertThat(read.getRevision()).isEqualTo(3);
        assertThat(read.getDestinationUnlisted()).isFalse();
        assertThat(read).isEqualTo(correction);
    }

    @Test
    void shouldRoundTripARevision() {
        CrossingEvent correction = aCrossing().people(21).revision(3).build();
        assertThat(CrossingCodec.decode(CrossingCodec.encode(correction))).isEqualTo(correction);
    }

    /** The journal entry an older version wrote: {@code crossing} under the schema before the {@code added}-th field. */
    private static byte[] journalledBefore(int added, CrossingEvent crossing) throws Exception {
        ByteBuffer old = new BinaryMessageEncoder<CrossingEvent>(crossing.getSpecificData(), CrossingCodec.beforeAdded(added)).encode(crossing);
        byte[] bytes = new byte[old.remaining()];
        old.get(bytes);
        return bytes;
    }
}
