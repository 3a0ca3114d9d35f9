package org.flowwatch.producers.post;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.flowwatch.producers.journal.Backlog;
import org.flowwatch.producers.journal.DiskUse;
import org.flowwatch.schemas.config.ConfigException;
import org.flowwatch.schemas.config.Settings;
import org.flowwatch.schemas.i18n.Languages;
import org.flowwatch.schemas.i18n.Messages;

/**
 * What the officer reads (the prompt, after recording, the status): plain sentences, never a crossing's contents,
 * in the post's language ({@code post.locale}: hy, ru or en) from {@code flowwatch/i18n/post_*.properties}.
 */
public final class PostMessages {

    public static final String BUNDLE = "flowwatch.i18n.post";
    public static final PostMessages ENGLISH = new PostMessages(Languages.ENGLISH);

    private final Messages words;

    public PostMessages(Locale locale) {
        this.words = Messages.of(BUNDLE, locale);
    }

    /** The messages in the language of {@code post.locale}. */
    public static PostMessages from(Settings settings) {
        try {
            return new PostMessages(Languages.parse(settings.string("post.locale")));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("setting 'post.locale' (from " + settings.layer("post.locale") + "): " + e.getMessage());
        }
    }

    /** {@code key}'s sentence with {@code nameValuePairs} as its arguments. */
    public String say(String key, Object... nameValuePairs) {
        Map<String, Object> args = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            args.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return words.format(key, args);
    }

    /** A warning once the journal nears its bound, while there is still room. */
    public Optional<String> diskWarning(DiskUse disk) {
        if (!disk.nearlyFull()) {
            return Optional.empty();
        }
        return Optional.of(say("post.diskWarning", "percent", disk.percent(), "mib", disk.maxBytes() / (1024 * 1024)));
    }

    public String pending(Backlog backlog, Instant now) {
        if (backlog.pendingEvents() == 0) {
            return say("post.nothingPending");
        }
        return say("post.pending", "n", backlog.pendingEvents(), "age", ago(backlog.oldestPendingAt(), now));
    }

    public String ago(Instant then, Instant now) {
        if (then == null) {
            return say("post.never");
        }
        Duration age = Duration.between(then, now);
        if (age.isNegative()) {
            return say("post.ago.seconds", "s", 0);
        }
        return age.toHours() > 0 ? say("post.ago.hours", "h", age.toHours(), "m", age.toMinutesPart())
                : age.toMinutes() > 0 ? say("post.ago.minutes", "m", age.toMinutes(), "s", age.toSecondsPart())
                : say("post.ago.seconds", "s", age.toSeconds());
    }
}
