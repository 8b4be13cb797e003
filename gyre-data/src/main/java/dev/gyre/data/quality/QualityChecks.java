package dev.gyre.data.quality;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs every data-quality check on one file and collects a {@link QualityReport}: label conflicts, duplicate rows,
 * class balance, constant features and leakage candidates, in that order. Each run opens the file with a
 * {@link DatasetReader}, runs every check as SQL over the reader's table and closes everything before returning, so instances are stateless
 * and thread-safe.
 *
 * <pre>{@code
 * QualityReport report = new QualityChecks().run(Path.of("spam.csv"), QualityConfig.forLabel("type"));
 * if (report.hasErrors()) { ... }
 * }</pre>
 */
public final class QualityChecks {

    /**
     * Checks {@code file}.
     *
     * @throws GyreException {@code INVALID_PARAMETER_VALUE} when the file is missing or unreadable or a column in
     *     {@code config} is not in it
     */
    public QualityReport run(Path file, QualityConfig config) {
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(file))) {
            return reader.withConnection((connection, table) -> run(connection, table, file, config));
        }
    }

    private static QualityReport run(Connection connection, String table, Path file, QualityConfig config)
            throws SQLException {
        List<Column> columns = QualityTable.columns(connection, table);
        Column label = column(columns, config.label(), "label", file);
        List<Column> features = features(columns, label, config, file);
        if (features.isEmpty()) {
            throw GyreException.invalid("no feature columns besides the label '" + label.name() + "' in " + file);
        }
        RowCounts counts = RowCounts.of(connection, table, label);
        CheckContext context =
                new CheckContext(connection, table, label, features, config, counts.rows(), counts.labeled());
        List<QualityCheck> checks = List.of(
                new InconsistentLabelsCheck(),
                new DuplicateRowsCheck(columns.stream().map(Column::name).toList()),
                new ClassBalanceCheck(),
                new ConstantFeaturesCheck(),
                new LeakageCheck());
        List<Finding> findings = new ArrayList<>();
        for (QualityCheck check : checks) {
            findings.addAll(check.run(context));
        }
        return new QualityReport(file.toString(), context.rows(), label.name(), context.featureNames(), findings);
    }

    private static List<Column> features(List<Column> columns, Column label, QualityConfig config, Path file) {
        if (config.features().isEmpty()) {
            return columns.stream().filter(c -> !c.equals(label)).toList();
        }
        return config.features().stream()
                .map(name -> column(columns, name, "feature", file))
                .distinct()
                .toList();
    }

    private static Column column(List<Column> columns, String name, String role, Path file) {
        return columns.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> GyreException.invalid("no " + role + " column '" + name + "' in " + file
                        + " (columns: "
                        + String.join(", ", columns.stream().map(Column::name).toList()) + ")"));
    }

    /** All rows, and the rows whose label is not NULL. */
    private record RowCounts(long rows, long labeled) {

        static RowCounts of(Connection connection, String table, Column label) throws SQLException {
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery(
                            "SELECT COUNT(*), COUNT(" + Sql.quote(label.name()) + ") FROM " + table)) {
                result.next();
                return new RowCounts(result.getLong(1), result.getLong(2));
            }
        }
    }
}
