package org.flowwatch.cli;

import org.flowwatch.schemas.config.ConfigException;

/**
 * The replay hours during which {@code flowwatch demo --hub} cuts the link ({@code demo.hub.cut.hours}, e.g.
 * {@code 8-16}: cut once hour 8 is sent, restored once hour 16 is); empty for no scripted cut.
 */
record HubCutHours(int from, int until) {

    static final HubCutHours NONE = new HubCutHours(-1, -1);

    static HubCutHours parse(String value) {
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String[] bounds = value.strip().split("-", -1);
        try {
            if (bounds.length == 2) {
                int from = Integer.parseInt(bounds[0].strip());
                int until = Integer.parseInt(bounds[1].strip());
                if (from >= 1 && until > from) {
                    return new HubCutHours(from, until);
                }
            }
        } catch (NumberFormatException notANumber) {
            // the message below says what is expected
        }
        throw new ConfigException("setting 'demo.hub.cut.hours' is '" + value + "': give FROM-UNTIL replay hours with"
                + " 1 <= FROM < UNTIL, e.g. 8-16, or leave it empty for no scripted cut");
    }

    String describe() {
        return this == NONE || from < 0 ? "" : "; the link is cut after hour " + from + " and restored after hour " + until;
    }
}
