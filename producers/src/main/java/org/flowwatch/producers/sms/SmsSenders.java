package org.flowwatch.producers.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.schemas.config.ConfigException;

/**
 * The allow-list of phones that may report by SMS: lines {@code <postId> <reference> <number>}. The number is the
 * credential; it is used only to find the post and the reference and is never logged, written to a topic or put
 * in a message (the reference names the sender everywhere, e.g. {@code kor-duty-1}). A post id of {@code -} lets a
 * number acknowledge alerts without reporting for a post.
 */
public final class SmsSenders {

    /** The post id of an entry that may only acknowledge alerts. */
    public static final String NO_POST = "-";

    /** One line of the list, without its number. */
    public record Sender(String postId, String reference) {

        public boolean reportsForAPost() {
            return !postId.equals(NO_POST);
        }
    }

    private final Map<String, List<Sender>> byNumber;

    private SmsSenders(Map<String, List<Sender>> byNumber) {
        this.byNumber = Map.copyOf(byNumber);
    }

    public static SmsSenders load(Path file) {
        Map<String, List<Sender>> senders = new HashMap<>();
        try {
            int number = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                number++;
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    add(senders, line.strip().split("\\s+", 3), "line " + number + " of " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the SMS senders file " + file, e);
        }
        return new SmsSenders(senders);
    }

    /** From {@code <postId> <reference> <number>} lines given in code (tests). */
    public static SmsSenders of(List<String> lines) {
        Map<String, List<Sender>> senders = new HashMap<>();
        lines.forEach(line -> add(senders, line.strip().split("\\s+", 3), "line '" + line.split("\\s+")[0] + " ...'"));
        return new SmsSenders(senders);
    }

    /** Every entry of {@code number} (in any common notation), or none. */
    public List<Sender> entriesOf(String number) {
        return e164(number).map(key -> byNumber.getOrDefault(key, List.of())).orElse(List.of());
    }

    /** How many numbers the list holds. */
    public int size() {
        return byNumber.size();
    }

    /**
     * {@code number} as E.164 ({@code +37491555123}): spaces, dots, dashes and brackets dropped, {@code 00} read as
     * {@code +}, and digits without a prefix read as international, as SMSCs deliver them; empty if it is not 8-15 digits.
     */
    public static Optional<String> e164(String number) {
        if (number == null) {
            return Optional.empty();
        }
        String compact = number.replaceAll("[\\s.()\\-/]", "");
        if (compact.startsWith("00")) {
            compact = compact.substring(2);
        } else if (compact.startsWith("+")) {
            compact = compact.substring(1);
        }
        return compact.matches("[1-9]\\d{7,14}") ? Optional.of("+" + compact) : Optional.empty();
    }

    private static void add(Map<String, List<Sender>> senders, String[] line, String where) {
        if (line.length != 3) {
            throw new ConfigException(where + ": expected '<postId> <reference> <number>'");
        }
        String number = e164(line[2]).orElseThrow(() -> new ConfigException(where
                + ": the number is not an international number (E.164, e.g. +37410123456)"));
        if (line[1].chars().anyMatch(Character::isDigit) && e164(line[1]).isPresent()) {
            throw new ConfigException(where + ": the reference looks like a phone number; use a name such as kor-duty-1");
        }
        List<Sender> entries = senders.computeIfAbsent(number, any -> new ArrayList<>());
        if (entries.stream().anyMatch(sender -> sender.postId().equalsIgnoreCase(line[0]))) {
            throw new ConfigException(where + ": this number is listed twice for post " + line[0]);
        }
        entries.add(new Sender(line[0], line[1]));
    }
}
