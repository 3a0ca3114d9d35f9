package org.flowwatch.producers.post;

import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;

/**
 * The largest group one crossing may record. One setting, {@value #SETTING}, in the common defaults, so that the
 * gateway, the post client and the streams app refuse the same groups: a figure a post accepted and the streams
 * app then rejected would vanish from the counts after the officer was told it was recorded.
 */
public record GroupSizeLimit(int maxPeople) {

    public static final String SETTING = "crossings.max.people";

    public GroupSizeLimit {
        if (maxPeople < 1) {
            throw new ConfigException("setting '" + SETTING + "' must be at least 1, got " + maxPeople);
        }
    }

    public static GroupSizeLimit from(Settings settings) {
        return new GroupSizeLimit(settings.integer(SETTING));
    }

    /** {@code people} when it is 1 to the limit; otherwise a {@link FieldException} on {@code field} naming the setting. */
    int check(String field, int people) {
        if (people < 1 || people > maxPeople) {
            throw new FieldException(field, "must be 1-" + maxPeople + " (setting " + SETTING + "), got " + people);
        }
        return people;
    }

    String range() {
        return "1-" + maxPeople + " (setting " + SETTING + ")";
    }
}
