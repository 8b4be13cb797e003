package dev.gyre.data.quality;

import java.util.Locale;
import java.util.Set;

/** A column of the checked table with its DuckDB type name, e.g. {@code BIGINT} or {@code DECIMAL(9,2)}. */
record Column(String name, String type) {

    private static final Set<String> INTEGERS = Set.of(
            "TINYINT",
            "SMALLINT",
            "INTEGER",
            "BIGINT",
            "HUGEINT",
            "UTINYINT",
            "USMALLINT",
            "UINTEGER",
            "UBIGINT",
            "UHUGEINT");
    private static final Set<String> FLOATING = Set.of("FLOAT", "DOUBLE", "REAL");

    boolean isNumeric() {
        return isInteger() || isFloating();
    }

    boolean isInteger() {
        return INTEGERS.contains(baseType());
    }

    /** Floating-point or decimal: many distinct values are normal there, not a sign of an identifier. */
    boolean isFloating() {
        return FLOATING.contains(baseType()) || baseType().equals("DECIMAL");
    }

    private String baseType() {
        int paren = type.indexOf('(');
        return (paren < 0 ? type : type.substring(0, paren)).trim().toUpperCase(Locale.ROOT);
    }
}
