package org.flowwatch.producers.post;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.flowwatch.schemas.avro.AgeBands;
import org.flowwatch.schemas.avro.CrossingEvent;
import org.flowwatch.schemas.avro.Direction;
import org.flowwatch.schemas.avro.SexAgeBreakdown;
import org.flowwatch.schemas.avro.Vulnerabilities;
import org.flowwatch.schemas.privacy.ReferenceText;

/**
 * The named fields a crossing is captured with, the same everywhere a crossing comes in: the officer's prompt, a
 * tablet's CSV or JSON export, the gateway's JSON and the last path segment of a Kobo/ODK form field. Only these
 * fields are read; anything else a form carries (names, phone numbers) is ignored and never stored.
 */
public final class CrossingFields {

    public static final String EVENT_ID = "event_id";
    public static final String POST_ID = "post_id";
    public static final String CROSSED_AT = "crossed_at";
    public static final String DIRECTION = "direction";
    public static final String PEOPLE = "people";
    public static final String VEHICLES = "vehicles";
    public static final String DESTINATION = "destination";
    public static final String ORIGIN = "origin";
    static final String[] BANDS = {"0_4", "5_11", "12_17", "18_59", "60_plus"};
    static final String[] NEEDS = {"unaccompanied_children", "disabled", "needs_medical_care", "pregnant"};

    // A place's id or name: letters of any script, spaces, hyphens, apostrophes, dots. Digits, '@', ',' or length
    // would mean an address, a phone or ID number, or a person's details, which must never be sent (the arrivals app
    // also blanks any origin that is not a place of the reference data).
    private static final Pattern PLACE = Pattern.compile("[\\p{L}][\\p{L} .'’-]{0,59}");

    private final GroupSizeLimit limit;

    public CrossingFields(GroupSizeLimit limit) {
        this.limit = limit;
    }

    /**
     * The crossing these fields describe. {@code eventId} and {@code crossedAt} fill in what the fields leave out
     * (null: the field is required); {@code postId} is the post the caller records for.
     */
    public CrossingEvent toCrossing(Map<String, String> fields, String postId, UUID eventId, Instant crossedAt,
                                    Instant recordedAt) {
        FieldValues values = new FieldValues(fields);
        int people = limit.check(PEOPLE, values.count(PEOPLE)
                .orElseThrow(() -> new FieldException(PEOPLE, "required, a whole number of people " + limit.range())));
        return CrossingEvent.newBuilder()
                .setEventId(values.uuid(EVENT_ID).or(() -> Optional.ofNullable(eventId))
                        .orElseThrow(() -> new FieldException(EVENT_ID, "required, a UUID generated once on the device")))
                .setPostId(postFor(values, postId))
                .setOccurredAt(values.instant(CROSSED_AT).or(() -> Optional.ofNullable(crossedAt))
                        .orElseThrow(() -> new FieldException(CROSSED_AT, "required, a date-time with offset such as 2023-09-25T14:05:00+04:00")))
                .setRecordedAt(recordedAt)
                .setDirection(direction(values))
                .setPeople(people)
                .setBreakdown(breakdown(values, people))
                .setVehicles(values.count(VEHICLES).orElse(0))
                .setVulnerabilities(vulnerabilities(values, people))
                .setDestinationSiteId(values.text(DESTINATION).map(CrossingFields::siteId).orElse(null))
                .setOrigin(values.text(ORIGIN).map(CrossingFields::placeName).orElse(null))
                .build();
    }

    // The arrivals app also blanks a destination that is no site of the reference data; here the officer hears why.
    private static String siteId(String destination) {
        if (!ReferenceText.isReference(destination)) {
            throw new FieldException(DESTINATION, "must be a site id from the list of sites (" + ReferenceText.RULE
                    + "), not a name, an address or a number");
        }
        return destination;
    }

    private static String placeName(String origin) {
        if (!PLACE.matcher(origin).matches()) {
            throw new FieldException(ORIGIN, "must be a settlement or area from the list of places (letters, at most 60), not"
                    + " an address, a number or anyone's details");
        }
        return origin;
    }

    /**
     * The fields that describe {@code crossing}, as a tablet export or the gateway's JSON gives them: what
     * {@link #toCrossing} reads back into the same crossing (its revision, withdrawal and recording time are not fields).
     */
    public static Map<String, String> fieldsOf(CrossingEvent crossing) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(EVENT_ID, crossing.getEventId().toString());
        fields.put(POST_ID, crossing.getPostId());
        fields.put(CROSSED_AT, crossing.getOccurredAt().toString());
        fields.put(DIRECTION, crossing.getDirection().name().toLowerCase(Locale.ROOT));
        fields.put(PEOPLE, Integer.toString(crossing.getPeople()));
        fields.put(VEHICLES, Integer.toString(crossing.getVehicles()));
        if (crossing.getDestinationSiteId() != null) {
            fields.put(DESTINATION, crossing.getDestinationSiteId());
        }
        if (crossing.getOrigin() != null) {
            fields.put(ORIGIN, crossing.getOrigin());
        }
        if (crossing.getBreakdown() != null) {
            // AgeBands' fields are in BANDS' order, as bands(..) builds them
            for (int i = 0; i < BANDS.length; i++) {
                fields.put("female_" + BANDS[i], crossing.getBreakdown().getFemale().get(i).toString());
                fields.put("male_" + BANDS[i], crossing.getBreakdown().getMale().get(i).toString());
            }
        }
        if (crossing.getVulnerabilities() != null) {
            for (int i = 0; i < NEEDS.length; i++) {
                fields.put(NEEDS[i], crossing.getVulnerabilities().get(i).toString());
            }
        }
        return fields;
    }

    private static String postFor(FieldValues values, String postId) {
        Optional<String> named = values.text(POST_ID);
        if (named.isPresent() && !named.get().equals(postId)) {
            throw new FieldException(POST_ID, "this caller records for post '" + postId + "', not '" + named.get() + "'");
        }
        return postId;
    }

    private static SexAgeBreakdown breakdown(FieldValues values, int people) {
        if (java.util.Arrays.stream(BANDS).noneMatch(band -> values.has("female_" + band) || values.has("male_" + band))) {
            return null;
        }
        AgeBands female = bands(values, "female_");
        AgeBands male = bands(values, "male_");
        int total = sum(female) + sum(male);
        if (total > people) {
            throw new FieldException("female_*/male_*", total + " people by sex and age, but the group has " + people);
        }
        return new SexAgeBreakdown(female, male);
    }

    private static AgeBands bands(FieldValues values, String sex) {
        int[] counts = new int[BANDS.length];
        for (int i = 0; i < BANDS.length; i++) {
            counts[i] = values.count(sex + BANDS[i]).orElse(0);
        }
        return new AgeBands(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private static int sum(AgeBands bands) {
        return bands.getAge0to4() + bands.getAge5to11() + bands.getAge12to17() + bands.getAge18to59() + bands.getAge60plus();
    }

    private static Vulnerabilities vulnerabilities(FieldValues values, int people) {
        if (java.util.Arrays.stream(NEEDS).noneMatch(values::has)) {
            return null;
        }
        int[] counts = new int[NEEDS.length];
        for (int i = 0; i < NEEDS.length; i++) {
            counts[i] = values.count(NEEDS[i]).orElse(0);
            if (counts[i] > people) {
                throw new FieldException(NEEDS[i], "is " + counts[i] + ", more than the " + people + " people in the group");
            }
        }
        return new Vulnerabilities(counts[0], counts[1], counts[2], counts[3]);
    }

    private static Direction direction(FieldValues values) {
        String value = values.text(DIRECTION).orElse("arrival").toUpperCase(Locale.ROOT);
        try {
            return Direction.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new FieldException(DIRECTION, "must be arrival or departure");
        }
    }
}
