package dev.gyre.data.schema;

import dev.gyre.data.read.GyreType;
import dev.gyre.data.schema.Expectation.Between;
import dev.gyre.data.schema.Expectation.ColumnExpectation;
import dev.gyre.data.schema.Expectation.InSet;
import dev.gyre.data.schema.Expectation.Regex;
import java.util.List;
import java.util.Objects;

/**
 * What a column must look like. The profile-level constraints (type, presence, domain, range, NaN/∞) need only a
 * {@link dev.gyre.data.profile.DatasetProfile}, so they also validate a window of serving requests; the
 * {@link #expectations()} need the rows.
 *
 * @param presence the smallest fraction of rows with a value (TFDV's {@code min_fraction}), in [0, 1]; 0 requires
 *     nothing
 * @param domain the allowed values of a string or boolean column; empty for no domain
 * @param range the interval of the finite values of a numeric column, or {@code null}
 * @param allowNan whether NaN values are allowed
 * @param allowInfinity whether ±∞ values are allowed
 * @param drift this column's drift test against a reference profile, or {@code null} for the default
 * @param skew this column's skew test against a training profile, or {@code null} for the default
 */
public record ColumnSchema(
        String name,
        GyreType type,
        double presence,
        List<String> domain,
        NumericRange range,
        boolean allowNan,
        boolean allowInfinity,
        DriftRule drift,
        DriftRule skew,
        List<ColumnExpectation> expectations) {

    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Checks.fraction("presence", presence);
        domain = List.copyOf(domain);
        expectations = List.copyOf(expectations);
        if (!domain.isEmpty() && !(type == GyreType.STRING || type == GyreType.BOOLEAN)) {
            throw new IllegalArgumentException(name + ": a domain needs a string or boolean column");
        }
        if (range != null && type != GyreType.NUMERIC) {
            throw new IllegalArgumentException(name + ": a range needs a numeric column");
        }
        for (ColumnExpectation expectation : expectations) {
            String problem = unsupported(expectation, type);
            if (problem != null) {
                throw new IllegalArgumentException(name + ": " + problem);
            }
        }
    }

    /** A column of this type with no constraint beyond its type. */
    public static ColumnSchema of(String name, GyreType type) {
        return new ColumnSchema(name, type, 0, List.of(), null, true, true, null, null, List.of());
    }

    /** Why {@code expectation} cannot apply to a column of {@code type}, or {@code null} if it can. */
    static String unsupported(ColumnExpectation expectation, GyreType type) {
        return switch (expectation) {
            case Between b when type != GyreType.NUMERIC -> "between needs a numeric column, not " + type.label();
            case Regex r when type != GyreType.STRING -> "regex needs a string column, not " + type.label();
            case InSet s when type == GyreType.TIMESTAMP -> "in_set does not support timestamp columns";
            case InSet s
            when type == GyreType.BOOLEAN
                    && !s.values().stream().allMatch(v -> v.equals("true") || v.equals("false")) ->
                "in_set values of a boolean column must be true or false";
            case InSet s
            when type == GyreType.NUMERIC && !s.values().stream().allMatch(ColumnSchema::isNumber) ->
                "in_set values of a numeric column must be numbers";
            default -> null;
        };
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
