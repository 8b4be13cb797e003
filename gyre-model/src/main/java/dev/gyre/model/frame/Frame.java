package dev.gyre.model.frame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An in-memory table of named, typed columns of equal length: what a feature pipeline is fitted on at training
 * time and what it transforms at serving time, so both stages run the same code on the same representation.
 * Column-oriented because transforms and metrics work a column at a time. Immutable as far as its columns are.
 */
public final class Frame {

    private final List<Column> columns;
    private final Map<String, Column> byName;
    private final int rows;

    private Frame(List<Column> columns) {
        this.columns = List.copyOf(columns);
        this.byName = new LinkedHashMap<>();
        int size = -1;
        for (Column column : this.columns) {
            if (byName.putIfAbsent(column.name(), column) != null) {
                throw new IllegalArgumentException("duplicate column '" + column.name() + "'");
            }
            if (size >= 0 && column.size() != size) {
                throw new IllegalArgumentException("column '" + column.name() + "' has " + column.size()
                        + " rows where the columns before it have " + size);
            }
            size = column.size();
        }
        this.rows = Math.max(size, 0);
    }

    /** A frame of {@code columns}, which must have distinct names and equal lengths. */
    public static Frame of(List<? extends Column> columns) {
        return new Frame(new ArrayList<>(columns));
    }

    /** A frame of {@code columns}, which must have distinct names and equal lengths. */
    public static Frame of(Column... columns) {
        return new Frame(List.of(columns));
    }

    /** Number of rows (0 for a frame without columns). */
    public int rows() {
        return rows;
    }

    /** The columns, in order. */
    public List<Column> columns() {
        return columns;
    }

    /** The column names, in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** The column named {@code name}, if there is one. */
    public Optional<Column> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The column named {@code name}; {@code IllegalArgumentException} naming the known columns otherwise. */
    public Column column(String name) {
        Column column = byName.get(name);
        if (column == null) {
            throw new IllegalArgumentException(
                    "no column '" + name + "' (columns: " + String.join(", ", names()) + ")");
        }
        return column;
    }

    /** The rows at {@code rowIndexes}, in that order, as a new frame. */
    public Frame select(int[] rowIndexes) {
        return new Frame(
                columns.stream().map(column -> column.select(rowIndexes)).toList());
    }

    /** This frame without the columns named in {@code names} (names that are absent are ignored). */
    public Frame without(List<String> names) {
        return new Frame(columns.stream().filter(c -> !names.contains(c.name())).toList());
    }

    /** Only the columns named in {@code names}, in that order; each must exist. */
    public Frame project(List<String> names) {
        return new Frame(names.stream().map(this::column).toList());
    }

    @Override
    public String toString() {
        return "Frame[" + rows + " rows, columns " + names() + "]";
    }
}
