package dev.gyre.model.features;

import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-only reader of simple CSV files into a {@link Frame}, so gyre-model's tests can use the shared data sets
 * without depending on the data stage: fields are separated by commas, strings may be double-quoted (no embedded
 * commas or quotes), an empty field is missing, and a column whose present fields all parse as numbers is numeric.
 */
final class CsvFrames {

    private CsvFrames() {}

    /** The shared data folder surefire names in {@code gyre.shared.data}. */
    static Path sharedData(String file) {
        return Path.of(System.getProperty("gyre.shared.data", "/work/shared/data"))
                .resolve(file);
    }

    static Frame read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<String> header = fields(lines.getFirst());
        List<String[]> cells = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            cells.add(new String[lines.size() - 1]);
        }
        for (int row = 1; row < lines.size(); row++) {
            List<String> fields = fields(lines.get(row));
            if (fields.size() != header.size()) {
                throw new IOException("line " + (row + 1) + " has " + fields.size() + " fields, not " + header.size());
            }
            for (int column = 0; column < header.size(); column++) {
                cells.get(column)[row - 1] = fields.get(column);
            }
        }
        List<Column> columns = new ArrayList<>();
        for (int column = 0; column < header.size(); column++) {
            columns.add(column(header.get(column), cells.get(column)));
        }
        return Frame.of(columns);
    }

    private static Column column(String name, String[] cells) {
        double[] numbers = new double[cells.length];
        for (int row = 0; row < cells.length; row++) {
            if (cells[row] == null) {
                numbers[row] = Double.NaN;
            } else {
                try {
                    numbers[row] = Double.parseDouble(cells[row]);
                } catch (NumberFormatException e) {
                    return new TextColumn(name, cells);
                }
            }
        }
        return NumericColumn.of(name, numbers);
    }

    /** The fields of one line: quotes stripped, empty fields as {@code null}. */
    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        for (String raw : line.split(",", -1)) {
            if (raw.isEmpty()) {
                fields.add(null);
            } else if (raw.length() >= 2 && raw.startsWith("\"") && raw.endsWith("\"")) {
                fields.add(raw.substring(1, raw.length() - 1));
            } else {
                fields.add(raw);
            }
        }
        return fields;
    }
}
