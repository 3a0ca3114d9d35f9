package org.flowwatch.consumers.export;

import java.util.List;

/**
 * The count columns of the exports, with their CSV header and HXL hashtag (see shared field-formats notes). Arrivals
 * use {@link #ARRIVALS}, sites {@link #SITES}; the people at a site with specific needs overlap (a child may also
 * need medical care), so no sum ties them together. Capacity counts places, not people: never suppressed. {@link #LATE}:
 * how many of the row's people reached their count after its grace (from the late topic; included in people).
 */
public enum Column {
    PEOPLE("people", "#affected+refugees+ind"),
    FEMALE("female", "#affected+refugees+f"),
    MALE("male", "#affected+refugees+m"),
    AGE_0_4("age_0_4", "#affected+refugees+infants+age_0_4"),
    AGE_5_11("age_5_11", "#affected+refugees+children+age_5_11"),
    AGE_12_17("age_12_17", "#affected+refugees+adolescents+age_12_17"),
    AGE_18_59("age_18_59", "#affected+refugees+adults+age_18_59"),
    AGE_60_PLUS("age_60_plus", "#affected+refugees+elderly+age_60_plus"),
    LATE("late", "#affected+refugees+x_late"),
    CAPACITY("capacity", "#capacity+ind", false),
    UNACCOMPANIED_CHILDREN("unaccompanied_children", "#affected+refugees+children+unaccompanied"),
    DISABLED("disabled", "#affected+refugees+disabled"),
    NEEDS_MEDICAL_CARE("needs_medical_care", "#affected+refugees+x_medical_care"),
    PREGNANT("pregnant", "#affected+refugees+f+pregnant"),
    OVER_60("over_60", "#affected+refugees+elderly+age_60_plus");

    static final Column[] SEXES = {FEMALE, MALE};
    static final Column[] AGES = {AGE_0_4, AGE_5_11, AGE_12_17, AGE_18_59, AGE_60_PLUS};
    public static final List<Column> ARRIVALS = List.of(PEOPLE, FEMALE, MALE, AGE_0_4, AGE_5_11, AGE_12_17, AGE_18_59, AGE_60_PLUS, LATE);
    public static final List<Column> SITES = List.of(PEOPLE, CAPACITY, UNACCOMPANIED_CHILDREN, DISABLED, NEEDS_MEDICAL_CARE,
            PREGNANT, OVER_60);

    private final String header;
    private final String hxl;
    private final boolean people;

    Column(String header, String hxl) {
        this(header, hxl, true);
    }

    Column(String header, String hxl, boolean people) {
        this.header = header;
        this.hxl = hxl;
        this.people = people;
    }

    /** True when the column counts people: a public export hides its small values. */
    boolean people() {
        return people;
    }

    public String header() {
        return header;
    }

    public String hxl() {
        return hxl;
    }
}
