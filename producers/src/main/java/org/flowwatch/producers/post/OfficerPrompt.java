package org.flowwatch.producers.post;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flowwatch.producers.journal.JournalEntry;
import org.flowwatch.producers.journal.JournalFullException;

/**
 * The officer's questions for one group at a time. Only People is required; Enter keeps the default. An empty
 * answer to People (or end of input) ends the session. Counts only: there is no question for a name or a number.
 */
public final class OfficerPrompt {

    private static final String BANDS = "0-4,5-11,12-17,18-59,60+";

    private final PostClient client;
    private final BufferedReader in;
    private final PrintWriter out;
    private final Clock clock;
    private final PostMessages messages;

    public OfficerPrompt(PostClient client, BufferedReader in, PrintWriter out, Clock clock) {
        this(client, in, out, clock, PostMessages.ENGLISH);
    }

    /** Asks in the language of {@code messages}. */
    public OfficerPrompt(PostClient client, BufferedReader in, PrintWriter out, Clock clock, PostMessages messages) {
        this.client = client;
        this.in = in;
        this.out = out;
        this.clock = clock;
        this.messages = messages;
    }

    /** Asks for groups until the officer stops; returns how many were recorded. */
    public int run() throws IOException {
        int recorded = 0;
        while (true) {
            String people = ask(messages.say("post.ask.people"));
            if (people == null || people.isBlank()) {
                return recorded;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put(CrossingFields.PEOPLE, people);
            fields.put(CrossingFields.DIRECTION, orDefault(ask(messages.say("post.ask.direction")), "arrival"));
            fields.put(CrossingFields.VEHICLES, orDefault(ask(messages.say("post.ask.vehicles")), "0"));
            fields.put(CrossingFields.DESTINATION, orDefault(ask(messages.say("post.ask.destination")), ""));
            try {
                spread(fields, ask(messages.say("post.ask.female", "bands", BANDS)), "female_", CrossingFields.BANDS);
                spread(fields, ask(messages.say("post.ask.male", "bands", BANDS)), "male_", CrossingFields.BANDS);
                spread(fields, ask(messages.say("post.ask.needs")), "", CrossingFields.NEEDS);
            } catch (FieldException e) {
                notRecorded(e);
                continue;
            }
            if (recordOne(fields)) {
                recorded++;
            }
        }
    }

    private boolean recordOne(Map<String, String> fields) {
        try {
            JournalEntry entry = client.record(fields);
            out.println(messages.say("post.recorded", "people", entry.crossing().getPeople(), "event", entry.crossing().getEventId(),
                    "pending", messages.pending(client.backlog(), clock.instant())));
            messages.diskWarning(client.backlog().disk()).ifPresent(out::println);
            return true;
        } catch (FieldException e) {
            notRecorded(e);
            return false;
        } catch (JournalFullException e) {
            out.println(messages.say("post.journalFull", "reason", e.getMessage()));
            return false;
        } finally {
            out.flush();
        }
    }

    private void notRecorded(FieldException e) {
        out.println(messages.say("post.notRecorded", "reason", e.getMessage()));
        out.flush();
    }

    // "0,1,0,2,0" becomes female_0_4=0, female_5_11=1, ...; too many numbers is the officer's typo, reported as such.
    private static void spread(Map<String, String> fields, String answer, String prefix, String[] names) {
        if (answer == null || answer.isBlank()) {
            return;
        }
        String[] counts = answer.split("[,\\s]+");
        if (counts.length > names.length) {
            throw new FieldException(prefix.isEmpty() ? "needs" : prefix + "*", "at most " + names.length + " numbers");
        }
        for (int i = 0; i < counts.length; i++) {
            fields.put(prefix + names[i], counts[i]);
        }
    }

    private String ask(String question) throws IOException {
        out.print(question + ": ");
        out.flush();
        return in.readLine();
    }

    private static String orDefault(String answer, String fallback) {
        return answer == null || answer.isBlank() ? fallback : answer.trim();
    }
}
