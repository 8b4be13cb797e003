package dev.gyre.model.features;

import dev.gyre.model.frame.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything a fitted pipeline does with one input column. A numeric or boolean column runs through its {@code
 * transforms} in order and becomes one feature named like the column; a string or timestamp column feeds its
 * {@code encodings}, in order. Pure data, compared by value, so two fits of the same data are {@code equals}.
 *
 * @param transforms numeric rewrites, applied in order (numeric and boolean columns only)
 * @param encodings the encodings of the raw value, each reading this column's kind (string and timestamp columns
 *     only, at least one)
 */
public record FittedColumn(String name, ValueKind kind, List<NumericTransform> transforms, List<Encoding> encodings) {

    public FittedColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        transforms = List.copyOf(transforms);
        encodings = List.copyOf(encodings);
        if (passesThrough(kind) ? !encodings.isEmpty() : !transforms.isEmpty() || encodings.isEmpty()) {
            throw new IllegalArgumentException("column '" + name + "' is " + kind.label()
                    + ": numeric and boolean columns take transforms only, string and timestamp columns encodings only"
                    + " (at least one)");
        }
        for (Encoding encoding : encodings) {
            if (encoding.input() != kind) {
                throw new IllegalArgumentException("column '" + name + "' is " + kind.label() + " but "
                        + encoding.transform() + " reads " + encoding.input().label());
            }
        }
    }

    /** Whether columns of {@code kind} become a feature of their own (numeric and boolean ones do). */
    static boolean passesThrough(ValueKind kind) {
        return kind == ValueKind.NUMERIC || kind == ValueKind.BOOLEAN;
    }

    /** The input this column needs. */
    public InputColumn input() {
        return new InputColumn(name, kind);
    }

    /** The names of the features it produces, in order. */
    public List<String> outputNames() {
        if (passesThrough(kind)) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        encodings.forEach(encoding -> names.addAll(encoding.outputNames(name)));
        return names;
    }

    /** Number of features it produces. */
    public int width() {
        return passesThrough(kind)
                ? 1
                : encodings.stream().mapToInt(Encoding::width).sum();
    }
}
