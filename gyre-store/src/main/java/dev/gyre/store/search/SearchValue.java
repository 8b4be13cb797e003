package dev.gyre.store.search;

import java.util.List;

/** The right-hand side of a comparison. */
public sealed interface SearchValue {

    /** A numeric literal, kept as written; metrics bind it as a double, time attributes as a long. */
    record Number(String text) implements SearchValue {
        public double asDouble() {
            return Double.parseDouble(text);
        }
    }

    record Text(String value) implements SearchValue {}

    /** The parenthesised list of {@code IN} / {@code NOT IN}. */
    record TextList(List<String> values) implements SearchValue {
        public TextList {
            values = List.copyOf(values);
        }
    }

    /** No value: {@code IS NULL} / {@code IS NOT NULL}. */
    record None() implements SearchValue {}
}
