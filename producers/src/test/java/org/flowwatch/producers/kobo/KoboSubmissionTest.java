package org.flowwatch.producers.kobo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.flowwatch.producers.odk.OdkSubmission;
import org.flowwatch.producers.post.CrossingFields;
import org.flowwatch.producers.post.GroupSizeLimit;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.junit.jupiter.api.Test;

/** Kobo and ODK edits become higher revisions of the same eventId (issue 18). */
class KoboSubmissionTest {

    private static final Instant RECEIVED = Instant.parse("2023-09-27T08:15:05Z");
    private static final CrossingFields FIELDS = new CrossingFields(new GroupSizeLimit(200));
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldMapAnEditToAHigherRevisionOfTheSameEventIdWhenItKeepsTheRootUuid() throws IOException {
        // given the submission and its edit (same meta/rootUuid, new meta/instanceID, meta/deprecatedID)
        CrossingEvent original = KoboSubmission.toCrossing(read("kobo/crossing-submission.json"), "kornidzor", RECEIVED, FIELDS);

        // when
        CrossingEvent edit = KoboSubmission.toCrossing(read("kobo/crossing-edit.json"), "kornidzor", RECEIVED, FIELDS);

        // then
        assertThat(original.getRevision()).isZero();
        assertThat(edit.getEventId()).isEqualTo(original.getEventId());
        assertThat(edit.getPeople()).isEqualTo(9);
        assertThat(edit.getRevision()).as("seconds from 2020 to the edit's end, 2023-09-26T06:30:00Z").isEqualTo(117_873_000);
    }

    @Test
    void shouldOrderTwoEditsByWhenTheyWereMade() throws IOException {
        // given
        ObjectNode first = (ObjectNode) read("kobo/crossing-edit.json");
        ObjectNode second = first.deepCopy();
        second.put("end", "2023-09-26T11:00:00.000+04:00");

        // when
        int firstRevision = KoboSubmission.toCrossing(first, "kornidzor", RECEIVED, FIELDS).getRevision();
        int secondRevision = KoboSubmission.toCrossing(second, "kornidzor", RECEIVED, FIELDS).getRevision();

        // then
        assertThat(secondRevision).isGreaterThan(firstRevision);
    }

    @Test
    void shouldTakeTheRevisionOfAnOdkSubmissionFromItsEditCount() throws IOException {
        // given a page with a submission and the same one after two edits in Central
        JsonNode page = JSON.readTree("""
                {"value": [
                  {"__id": "uuid:aa", "crossing": {"people": 3, "crossed_at": "2023-09-26T09:00:00+04:00"}, "__system": {"edits": 0}},
                  {"__id": "uuid:aa", "crossing": {"people": 4, "crossed_at": "2023-09-26T09:00:00+04:00"},
                   "meta": {"instanceID": "uuid:cc", "deprecatedID": "uuid:bb"}, "__system": {"edits": 2}}]}
                """);

        // when
        var crossings = OdkSubmission.toCrossings(page, "kornidzor", RECEIVED, FIELDS);

        // then
        assertThat(crossings).extracting(CrossingEvent::getRevision).containsExactly(0, 2);
        assertThat(crossings.get(1).getEventId()).isEqualTo(crossings.get(0).getEventId());
    }

    private static JsonNode read(String resource) throws IOException {
        try (InputStream in = KoboSubmissionTest.class.getClassLoader().getResourceAsStream(resource)) {
            return JSON.readTree(in);
        }
    }
}
