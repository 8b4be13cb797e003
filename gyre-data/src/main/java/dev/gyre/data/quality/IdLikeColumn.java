package dev.gyre.data.quality;

/**
 * A note that a column looks like an identifier (nearly one distinct value per row) and was left out of the
 * leakage check, where it would trivially look perfect.
 */
public record IdLikeColumn(Severity severity, String column, long distinctValues, long rows) implements Finding {

    @Override
    public String summary() {
        return "column '" + column + "' looks like an identifier (" + distinctValues + " distinct in " + rows
                + " rows); not checked for leakage";
    }
}
