package org.flowwatch.consumers.export;

/** The count columns of an export, with their CSV header and HXL hashtag (see shared field-formats notes). */
public enum Column {
    PEOPLE("people", "#affected+refugees+ind"),
    FEMALE("female", "#affected+refugees+f"),
    MALE("male", "#affected+refugees+m"),
    AGE_0_4("age_0_4", "#affected+refugees+infants+age_0_4"),
    AGE_5_11("age_5_11", "#affected+refugees+children+age_5_11"),
    AGE_12_17("age_12_17", "#affected+refugees+adolescents+age_12_17"),
    AGE_18_59("age_18_59", "#affected+refugees+adults+age_18_59"),
    AGE_60_PLUS("age_60_plus", "#affected+refugees+elderly+age_60_plus");

    static final Column[] SEXES = {FEMALE, MALE};
    static final Column[] AGES = {AGE_0_4, AGE_5_11, AGE_12_17, AGE_18_59, AGE_60_PLUS};

    private final String header;
    private final String hxl;

    Column(String header, String hxl) {
        this.header = header;
        this.hxl = hxl;
    }

    public String header() {
        return header;
    }

    public String hxl() {
        return hxl;
    }
}
