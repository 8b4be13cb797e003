package dev.gyre.data.schema;

import dev.gyre.data.schema.Expectation.DatasetExpectation;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The expected shape of a dataset: its columns in order and dataset-level expectations. Lives in a human-edited,
 * versioned file ({@link SchemaFiles}) so that a team reviews changes to it like code, the way TFDV schemas are
 * curated after inference.
 */
public record Schema(List<ColumnSchema> columns, List<DatasetExpectation> expectations) {

    /** The file format this code reads and writes. */
    public static final String FORMAT = "gyre.schema/v1";

    public Schema {
        columns = List.copyOf(columns);
        expectations = List.copyOf(expectations);
        Set<String> names = new HashSet<>();
        for (ColumnSchema column : columns) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("duplicate column " + column.name());
            }
        }
    }

    public Optional<ColumnSchema> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
