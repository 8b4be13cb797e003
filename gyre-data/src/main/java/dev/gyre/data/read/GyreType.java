package dev.gyre.data.read;

import java.util.Locale;

/**
 * The few value kinds profiles and checks care about, mapped from DuckDB's many types. Temporal values are
 * profiled as epoch milliseconds (UTC); everything without a numeric meaning (text, enums, lists, blobs) is a
 * string.
 */
public enum GyreType {
    NUMERIC,
    BOOLEAN,
    STRING,
    TIMESTAMP;

    /** The Gyre type of a DuckDB type name as {@code DESCRIBE} prints it, e.g. {@code DECIMAL(10,2)}. */
    public static GyreType ofDuckDb(String duckDbType) {
        String type = duckDbType.toUpperCase(Locale.ROOT);
        if (type.endsWith("]") || type.startsWith("STRUCT") || type.startsWith("MAP") || type.startsWith("UNION")) {
            return STRING;
        }
        if (type.equals("BOOLEAN")) {
            return BOOLEAN;
        }
        if (type.startsWith("DATE") || type.startsWith("TIMESTAMP")) {
            return TIMESTAMP;
        }
        if (type.startsWith("DECIMAL")
                || type.equals("DOUBLE")
                || type.equals("FLOAT")
                || type.endsWith("INT")
                || type.equals("BIGINT")
                || type.equals("HUGEINT")
                || type.equals("UHUGEINT")
                || type.equals("INTEGER")) {
            return NUMERIC;
        }
        return STRING;
    }

    /** The lower-case name used in JSON and tables. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type with this {@link #label()}. */
    public static GyreType ofLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
