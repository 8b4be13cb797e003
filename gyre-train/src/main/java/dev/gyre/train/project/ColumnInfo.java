package dev.gyre.train.project;

import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.ValueKind;
import java.util.List;
import java.util.Objects;

/**
 * A column of the data as far as the project file cares: its name and kind. Enough to check a project against data
 * that has only been profiled or whose schema is registered, without reading it.
 */
public record ColumnInfo(String name, ValueKind kind) {

    public ColumnInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }

    /** The columns of {@code frame}, in order. */
    public static List<ColumnInfo> of(Frame frame) {
        return frame.columns().stream()
                .map(column -> new ColumnInfo(column.name(), column.kind()))
                .toList();
    }
}
