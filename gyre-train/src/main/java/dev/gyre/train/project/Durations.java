package dev.gyre.train.project;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in gyre.yaml: a whole number with a unit, {@code s}, {@code m} or {@code h},
 * optionally several from largest to smallest ({@code 90s}, {@code 10m}, {@code 1h30m}). A bare number is refused
 * because {@code max_time: 30} could mean seconds or minutes.
 */
final class Durations {

    static final String EXAMPLES = "e.g. 90s, 10m, 1h, 1h30m";

    private static final Pattern FORM = Pattern.compile("(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?");

    private Durations() {}

    /** The duration written as {@code text}, positive; empty when the text is not of the form. */
    static Optional<Duration> parse(String text) {
        Matcher matcher = FORM.matcher(text.strip());
        if (text.isBlank() || !matcher.matches()) {
            return Optional.empty();
        }
        try {
            Duration duration = Duration.ofHours(part(matcher.group(1)))
                    .plusMinutes(part(matcher.group(2)))
                    .plusSeconds(part(matcher.group(3)));
            return duration.isZero() ? Optional.empty() : Optional.of(duration);
        } catch (ArithmeticException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** {@code duration} in the form {@link #parse} reads, e.g. {@code 1h30m}. */
    static String format(Duration duration) {
        StringBuilder text = new StringBuilder();
        if (duration.toHours() > 0) {
            text.append(duration.toHours()).append('h');
        }
        if (duration.toMinutesPart() > 0) {
            text.append(duration.toMinutesPart()).append('m');
        }
        if (duration.toSecondsPart() > 0 || text.isEmpty()) {
            text.append(duration.toSecondsPart()).append('s');
        }
        return text.toString();
    }

    private static long part(String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }
}
