package dev.gyre.data.quality;

/**
 * A feature with a single value in every row (NULL counts as a value): it carries no information and often means
 * a broken extract.
 *
 * @param value that value as read ({@code null} when every row is NULL)
 */
public record ConstantFeature(Severity severity, String column, Object value) implements Finding {

    @Override
    public String summary() {
        return "feature '" + column + "' is constant (" + value + ")";
    }
}
