package dev.gyre.data.quality;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text helpers: column names come from files, so they are always quoted, never spliced raw. */
final class Sql {

    private Sql() {}

    /** A DuckDB identifier in double quotes, embedded quotes doubled. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** {@code "a", "b", "c"}. */
    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /** {@code x."a", x."b"} for a table alias {@code x}. */
    static String qualifyAll(String alias, List<String> identifiers) {
        return identifiers.stream().map(c -> alias + "." + quote(c)).collect(Collectors.joining(", "));
    }
}
