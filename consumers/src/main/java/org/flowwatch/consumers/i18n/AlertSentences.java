package org.flowwatch.consumers.i18n;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flowwatch.schemas.avro.Alert;
import org.flowwatch.schemas.i18n.Messages;

/**
 * An alert's one human sentence in Armenian, Russian or English, written from its kind, labels and evidence (the
 * streams app's contract, see docs/modules/streams.md), the way the streams app writes its English {@code summary}. The
 * site or post is named as the summary names it (the text before its first ": "). An alert whose evidence lacks what
 * its sentence needs reads as its own (English) summary. Patterns: {@code alert.*} in {@code flowwatch/i18n}.
 */
public final class AlertSentences {

    /** Kinds of people the sentences mention, in reading order (evidence keys of RUN_OUT and SHORTAGE). */
    static final List<String> VULNERABLE = List.of("unaccompaniedChildren", "disabled", "needsMedicalCare", "pregnant", "over60");
    /** Evidence at or above this means "no figure" (the streams app writes Double.MAX_VALUE for "not needed"). */
    private static final double NO_FIGURE = 1e12;

    private AlertSentences() {
    }

    /** {@code alert} in {@code locale}'s language; times in {@code zone} (the operation's). */
    public static String sentence(Alert alert, Locale locale, ZoneId zone) {
        Messages messages = Translations.in(locale);
        Facts facts = new Facts(alert, messages);
        String sentence = switch (alert.getKind()) {
            case SHORTAGE -> shortage(facts);
            case CAPACITY -> capacity(facts);
            case SURGE -> facts.allOf("arrivalsLastHour", "surgeLevel", "trailingAveragePerHour")
                    ? facts.format("alert.SURGE", "arrivals", facts.count("count.arrivals", "arrivalsLastHour")) : null;
            case POST_SILENT -> silent(facts);
            case RUN_OUT -> runOut(facts, zone);
            case UNREPORTED -> unreported(facts);
            case OTHER -> messages.format("alert.OTHER", Map.of("summary", alert.getSummary()));
        };
        return sentence == null ? alert.getSummary() : sentence;
    }

    private static String shortage(Facts facts) {
        if (facts.allOf("daysOfCover", "population")) {
            // 2.98 days must not read "3 days" in an alert about falling under 3 days.
            double days = Math.floor(facts.value("daysOfCover") * 10) / 10;
            return facts.format("alert.SHORTAGE.cover", "days", facts.messages.format("count.days", Map.of("n", days)))
                    + facts.vulnerable();
        }
        return facts.allOf("shareOfMinimum", "population") ? facts.format("alert.SHORTAGE.share") : null;
    }

    private static String capacity(Facts facts) {
        if (!facts.allOf("population", "capacity")) {
            return null;
        }
        return facts.value("capacity") <= 0 ? facts.format("alert.CAPACITY.unset")
                : facts.format("alert.CAPACITY", "places", facts.count("count.places", "capacity"));
    }

    private static String silent(Facts facts) {
        if (!facts.allOf("silentSeconds")) {
            return null;
        }
        double seconds = facts.value("silentSeconds");
        if (seconds <= 0) {
            return facts.format("alert.POST_SILENT.heard");
        }
        String duration = seconds < 60 ? facts.messages.format("time.seconds", Map.of("n", Math.round(seconds)))
                : seconds < 7200 ? facts.messages.format("time.minutes", Map.of("n", (long) (seconds / 60)))
                : facts.messages.format("time.hours", Map.of("n", Math.round(seconds / 360) / 10.0));
        return facts.format("alert.POST_SILENT", "silence", duration);
    }

    private static String runOut(Facts facts, ZoneId zone) {
        if (!facts.allOf("population")) {
            return null;
        }
        if (!facts.allOf("hoursToRunOut", "runsOutAtEpochSeconds")) {
            return facts.format("alert.RUN_OUT.beyond") + facts.vulnerable();
        }
        DateFormat when = DateFormat.getInstanceForSkeleton("EEEHHmm", ULocale.forLocale(facts.messages.locale()));
        when.setTimeZone(TimeZone.getTimeZone(zone.getId()));
        String at = when.format(new Date((long) facts.value("runsOutAtEpochSeconds") * 1000));
        if (facts.allOf("stock") && facts.value("stock") <= 0) {
            return facts.format("alert.RUN_OUT.now", Map.of("when", at)) + facts.vulnerable();
        }
        double hours = facts.value("hoursToRunOut");
        String in = hours < 1 ? facts.messages.format("time.inUnderAnHour")
                : facts.messages.format("time.inAboutHours", Map.of("hours", Math.round(hours)));
        String band = !facts.allOf("earliestHours") ? ""
                : facts.allOf("latestHours") ? facts.messages.format("alert.RUN_OUT.band", Map.of("earliest",
                        Math.round(facts.value("earliestHours")), "latest", Math.round(facts.value("latestHours"))))
                : facts.messages.format("alert.RUN_OUT.bandOpen", Map.of("earliest", Math.round(facts.value("earliestHours"))));
        Map<String, Object> args = Map.of("in", in, "when", at, "band", band);
        return facts.format("alert.RUN_OUT", args) + facts.vulnerable();
    }

    private static String unreported(Facts facts) {
        String items = Arrays.stream(facts.alert.getLabels().getOrDefault("items", "").split(",")).map(String::strip)
                .filter(item -> !item.isEmpty()).map(facts::item).collect(Collectors.joining(", "));
        if (items.isEmpty()) {
            return facts.format("alert.UNREPORTED.none");
        }
        return facts.allOf("population", "hoursUnreported")
                ? facts.format("alert.UNREPORTED", Map.of("items", items, "hours", (long) Math.floor(facts.value("hoursUnreported"))))
                : null;
    }

    /** One alert's labels and evidence as the sentences' arguments. */
    private static final class Facts {

        private final Alert alert;
        private final Messages messages;

        Facts(Alert alert, Messages messages) {
            this.alert = alert;
            this.messages = messages;
        }

        boolean allOf(String... keys) {
            return Stream.of(keys).allMatch(key -> {
                Double value = alert.getEvidence().get(key);
                return value != null && Double.isFinite(value) && Math.abs(value) < NO_FIGURE;
            });
        }

        double value(String key) {
            return alert.getEvidence().get(key);
        }

        String count(String pattern, String key) {
            return messages.format(pattern, Map.of("n", Math.round(value(key))));
        }

        /** An item's name in this language ({@code item.<id>}), or its id for an item the files do not name. */
        String item(String id) {
            return messages.has("item." + id) ? messages.format("item." + id) : id;
        }

        String format(String key, String name, Object value) {
            return format(key, Map.of(name, value));
        }

        String format(String key) {
            return format(key, Map.of());
        }

        /** {@code key} with the subject, item and every evidence value (raw numbers) as arguments, plus {@code extra}. */
        String format(String key, Map<String, ?> extra) {
            Map<String, Object> args = new HashMap<>(alert.getEvidence());
            args.put("subject", subject());
            args.put("item", item(alert.getLabels().getOrDefault("item", "")));
            if (allOf("population")) {
                args.put("people", count("count.people", "population"));
            }
            args.putAll(extra);
            return messages.format(key, args);
        }

        /** "; 37 unaccompanied children, 12 pregnant women": the kinds of people counted above zero. */
        String vulnerable() {
            String named = VULNERABLE.stream().filter(key -> allOf(key) && value(key) > 0)
                    .map(key -> count("count." + key, key)).collect(Collectors.joining(", "));
            return named.isEmpty() ? "" : messages.format("alert.vulnerable", Map.of("people", named));
        }

        private String subject() {
            String summary = alert.getSummary();
            int colon = summary.indexOf(": ");
            if (colon > 0) {
                return summary.substring(0, colon);
            }
            return Stream.of("site", "post", "scope").map(alert.getLabels()::get).filter(Objects::nonNull).findFirst().orElse("");
        }
    }
}
