package dev.gyre.data.quality;

/**
 * A feature whose most frequent value covers nearly all rows: little information, and easy to overfit on the few
 * other rows.
 *
 * @param topValue the most frequent value ({@code null} for SQL NULL)
 * @param topFraction its share of all rows
 * @param distinctValues distinct values, NULL included
 */
public record NearConstantFeature(
        Severity severity, String column, Object topValue, double topFraction, long distinctValues) implements Finding {

    @Override
    public String summary() {
        return "feature '" + column + "' is near-constant: " + topValue + " in " + Percent.of(topFraction) + " of rows";
    }
}
