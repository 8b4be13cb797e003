package dev.gyre.core.registry;

import dev.gyre.core.error.GyreException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A registered model reference as MLflow writes it: {@code models:/NAME/VERSION} or {@code models:/NAME@ALIAS}.
 * Evaluation, serving and the CLI all take these, so they are parsed in one place.
 *
 * @param name the registered model name
 * @param version the version number, or 0 when the reference names an alias
 * @param alias the alias, or null when the reference names a version
 */
public record ModelUri(String name, long version, String alias) {

    private static final Pattern REFERENCE = Pattern.compile("models:/+([^/@]+)(?:/([0-9]+)|@([A-Za-z0-9_-]+))/?");

    public ModelUri {
        Objects.requireNonNull(name, "name");
        if ((alias == null) == (version <= 0)) {
            throw new IllegalArgumentException("a model reference has either a version or an alias");
        }
    }

    /** Whether {@code text} is meant as a model reference (starts with {@code models:}), well-formed or not. */
    public static boolean looksLikeOne(String text) {
        return text.startsWith("models:");
    }

    /** Parses {@code text}; {@code GyreException.invalid} saying what a reference looks like otherwise. */
    public static ModelUri parse(String text) {
        Matcher matcher = REFERENCE.matcher(text);
        if (!matcher.matches()) {
            throw GyreException.invalid(
                    "'" + text + "' is not a model reference: write models:/NAME/VERSION or" + " models:/NAME@ALIAS");
        }
        if (matcher.group(2) == null) {
            return new ModelUri(matcher.group(1), 0, matcher.group(3));
        }
        try {
            long version = Long.parseLong(matcher.group(2));
            if (version <= 0) {
                throw GyreException.invalid("'" + text + "': model versions start at 1");
            }
            return new ModelUri(matcher.group(1), version, null);
        } catch (NumberFormatException e) {
            throw GyreException.invalid("'" + text + "': version " + matcher.group(2) + " is out of range");
        }
    }

    /** Whether the reference follows an alias (and so may move). */
    public boolean byAlias() {
        return alias != null;
    }

    @Override
    public String toString() {
        return "models:/" + name + (alias != null ? "@" + alias : "/" + version);
    }
}
